using Reach.AppHost.Health;
using Reach.AppHost.Resources;

namespace Reach.AppHost.Dashboard.Api;

/// <summary>A resource as the dashboard shows it.</summary>
/// <param name="Name">The resource name.</param>
/// <param name="Type">Project or PostgreSQL.</param>
/// <param name="State">The state text, e.g. <c>Running</c> or <c>Exited (code 1)</c>.</param>
/// <param name="Health">Healthy, Unhealthy, Starting, or empty while it has no health to report.</param>
/// <param name="HealthDetail">Why the last health check failed, when it did.</param>
/// <param name="Url">Where it is reached.</param>
/// <param name="ProcessId">Its process id, while it has one.</param>
/// <param name="Message">Why it is in this state, when that is not obvious.</param>
/// <param name="StartedAt">When its current process started.</param>
/// <param name="Environment">Its environment, secrets masked.</param>
/// <param name="DependsOn">What it waits for.</param>
/// <param name="CanStart">Whether Start makes sense now.</param>
/// <param name="CanStop">Whether Stop makes sense now.</param>
public sealed record ResourceView(
    string Name,
    string Type,
    string State,
    string Health,
    string? HealthDetail,
    string? Url,
    int? ProcessId,
    string? Message,
    DateTimeOffset? StartedAt,
    IReadOnlyList<EnvironmentVariableView> Environment,
    IReadOnlyList<string> DependsOn,
    bool CanStart,
    bool CanStop)
{
    /// <summary>The view of <paramref name="resource"/>, with the monitor's last health check while it runs.</summary>
    public static ResourceView From(Resource resource, HealthReport? health)
    {
        var s = resource.Snapshot;
        var environment = resource is PostgresResource { ConnectionString: { } connection } postgres
            ? new Dictionary<string, string> { [$"ConnectionStrings__{postgres.DatabaseName}"] = connection }
            : resource.LaunchEnvironment;
        var healthText = s.State switch
        {
            ResourceState.Running when health is { Healthy: false } => "Unhealthy",
            ResourceState.Running => "Healthy",
            ResourceState.Unhealthy => "Unhealthy",
            ResourceState.Starting => "Starting",
            _ => "",
        };
        var active = s.State is ResourceState.Running or ResourceState.Starting or ResourceState.Unhealthy or ResourceState.Waiting or ResourceState.Building or ResourceState.Stopping;
        return new ResourceView(
            s.Name,
            s.Type,
            s.StateText,
            healthText,
            s.State == ResourceState.Running ? health?.Detail : null,
            s.Url,
            s.ProcessId,
            s.Message,
            s.StartedAt,
            environment.Select(e => new EnvironmentVariableView(e.Key, SecretMasker.MaskValue(e.Key, e.Value))).ToArray(),
            resource.WaitsFor.Select(d => d.Name).ToArray(),
            !active,
            s.State is ResourceState.Running or ResourceState.Starting or ResourceState.Unhealthy);
    }
}

/// <summary>One environment variable, its value masked when secret.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Value">The value shown.</param>
public sealed record EnvironmentVariableView(string Name, string Value);
