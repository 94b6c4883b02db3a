namespace Reach.AppHost.Resources;

/// <summary>A resource that others wait for stopped, failed or exited instead of becoming healthy.</summary>
/// <param name="resource">The resource that failed.</param>
/// <param name="state">What it became instead of healthy, e.g. <c>Exited (code 1)</c>.</param>
public sealed class DependencyFailedException(string resource, string state)
    : Exception($"{resource} is {state}")
{
    /// <summary>The resource that failed.</summary>
    public string Resource { get; } = resource;
}
