namespace Reach.AppHost.Resources;

/// <summary>Starts and stops one kind of resource, updating its state.</summary>
public interface IResourceRunner
{
    /// <summary>Whether this runner handles <paramref name="resource"/>.</summary>
    bool CanRun(Resource resource);

    /// <summary>Starts the resource (its dependencies are already healthy) and returns once it is healthy or has failed.</summary>
    /// <exception cref="Exception">Any failure; the manager records it as <see cref="ResourceState.FailedToStart"/>.</exception>
    Task StartAsync(Resource resource, CancellationToken cancellationToken);

    /// <summary>Stops the resource (no-op when it is not running).</summary>
    Task StopAsync(Resource resource, CancellationToken cancellationToken);
}
