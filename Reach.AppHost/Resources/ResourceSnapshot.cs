namespace Reach.AppHost.Resources;

/// <summary>An immutable view of a resource at one moment (what the console table and, later, the dashboard show).</summary>
/// <param name="Name">The resource name (<c>postgres</c>, <c>crm</c>, …).</param>
/// <param name="Type">The kind of resource (<c>Project</c>, <c>PostgreSQL</c>).</param>
/// <param name="State">The lifecycle state.</param>
/// <param name="Url">Where it is reached, when known.</param>
/// <param name="ProcessId">The id of its process, while it has one.</param>
/// <param name="ExitCode">The exit code, once its process has exited.</param>
/// <param name="Message">Why it is in this state, when it is not obvious (an error, a dependency).</param>
/// <param name="StartedAt">When its current process started.</param>
/// <param name="ChangedAt">When the state last changed.</param>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    ResourceState State,
    string? Url,
    int? ProcessId,
    int? ExitCode,
    string? Message,
    DateTimeOffset? StartedAt,
    DateTimeOffset ChangedAt)
{
    /// <summary>The state as shown to people, e.g. <c>Running</c> or <c>Exited (code 139)</c>.</summary>
    public string StateText => State switch
    {
        ResourceState.Exited or ResourceState.Stopped when ExitCode is not null => $"{State} (code {ExitCode})",
        _ => State.ToString(),
    };
}
