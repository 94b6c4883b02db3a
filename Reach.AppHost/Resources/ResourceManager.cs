using Microsoft.Extensions.Logging;

namespace Reach.AppHost.Resources;

/// <summary>
/// Owns the resources: starts each once what it waits for is healthy, stops them in reverse order, restarts one on
/// request, and reports every state change (<see cref="ResourceChanged"/>) — the seam the dashboard will use.
/// </summary>
public sealed class ResourceManager(IEnumerable<IResourceRunner> runners, ILogger<ResourceManager> logger)
{
    private readonly List<Resource> _resources = [];
    private readonly Dictionary<Resource, SemaphoreSlim> _gates = [];
    private readonly IResourceRunner[] _runners = runners.ToArray();

    /// <summary>Raised after any resource's state changes.</summary>
    public event Action<ResourceSnapshot>? ResourceChanged;

    /// <summary>The resources, in the order they were added (dependencies first).</summary>
    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Adds a resource; add dependencies before their dependents.</summary>
    /// <exception cref="InvalidOperationException">A resource with that name exists, or one it depends on was not added.</exception>
    public T Add<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        foreach (var dependency in resource.WaitsFor.Concat(resource.References))
        {
            if (!_resources.Contains(dependency))
            {
                throw new InvalidOperationException($"{resource.Name} depends on {dependency.Name}, which must be added first.");
            }
        }

        _resources.Add(resource);
        _gates[resource] = new SemaphoreSlim(1, 1);
        resource.StateChanged += OnStateChanged;
        return resource;
    }

    /// <summary>The resource with this name.</summary>
    /// <exception cref="KeyNotFoundException">There is none.</exception>
    public Resource Get(string name) =>
        _resources.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No resource is named '{name}'.");

    /// <summary>The state of every resource.</summary>
    public IReadOnlyList<ResourceSnapshot> GetSnapshots() => _resources.Select(r => r.Snapshot).ToArray();

    /// <summary>Starts every resource, each as soon as what it waits for is healthy; returns when all have started or failed.</summary>
    public Task StartAllAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_resources.Select(r => StartAsync(r, cancellationToken)));

    /// <summary>Starts one resource (after what it waits for is healthy). Failures are recorded in its state, not thrown.</summary>
    public async Task StartAsync(string name, CancellationToken cancellationToken) => await StartAsync(Get(name), cancellationToken);

    /// <summary>Stops one resource. Resources that depend on it are not stopped.</summary>
    public async Task StopAsync(string name, CancellationToken cancellationToken) => await StopAsync(Get(name), cancellationToken);

    /// <summary>
    /// Stops a resource and starts it again with the same address and settings (e.g. after it crashed). Its build
    /// output is reused; dependents keep running and reconnect by themselves.
    /// </summary>
    public async Task RestartAsync(string name, CancellationToken cancellationToken)
    {
        var resource = Get(name);
        logger.LogInformation("Restarting {Resource}", name);
        await StopAsync(resource, cancellationToken);
        await StartAsync(resource, cancellationToken);
    }

    /// <summary>Stops every resource, dependents before what they depend on (web, crm, channel, postgres).</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        for (var i = _resources.Count - 1; i >= 0; i--)
        {
            await StopAsync(_resources[i], cancellationToken);
        }
    }

    private async Task StartAsync(Resource resource, CancellationToken cancellationToken)
    {
        var gate = _gates[resource];
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (resource.State is ResourceState.Running or ResourceState.Starting or ResourceState.Unhealthy)
            {
                return;
            }

            if (resource.WaitsFor.Count > 0)
            {
                resource.Update(s => s with { State = ResourceState.Waiting, Message = "waiting for " + string.Join(", ", resource.WaitsFor.Select(d => d.Name)), ExitCode = null });
                foreach (var dependency in resource.WaitsFor)
                {
                    await dependency.WhenReadyAsync(cancellationToken);
                }
            }

            await RunnerFor(resource).StartAsync(resource, cancellationToken);
        }
        catch (DependencyFailedException e)
        {
            resource.Update(s => s with { State = ResourceState.FailedToStart, Message = e.Message });
            logger.LogError("{Resource} was not started: {Reason}", resource.Name, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (resource.State is ResourceState.Waiting or ResourceState.Building or ResourceState.NotStarted)
            {
                resource.SetState(ResourceState.NotStarted, "start cancelled");
            }
        }
        catch (Exception e)
        {
            resource.Update(s => s with { State = ResourceState.FailedToStart, Message = e.Message });
            logger.LogError("{Resource} failed to start: {Reason}", resource.Name, e.Message);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task StopAsync(Resource resource, CancellationToken cancellationToken)
    {
        // A start in progress is cancelled by the caller's token; waiting for the gate would wait for it.
        var gate = _gates[resource];
        var entered = await gate.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        try
        {
            await RunnerFor(resource).StopAsync(resource, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Stopping {Resource} failed", resource.Name);
        }
        finally
        {
            if (entered)
            {
                gate.Release();
            }
        }
    }

    private IResourceRunner RunnerFor(Resource resource) =>
        _runners.FirstOrDefault(r => r.CanRun(resource))
        ?? throw new InvalidOperationException($"No runner handles {resource.Type} resources ({resource.Name}).");

    private void OnStateChanged(ResourceSnapshot snapshot)
    {
        try
        {
            ResourceChanged?.Invoke(snapshot);
        }
        catch (Exception e)
        {
            logger.LogError(e, "A ResourceChanged handler failed");
        }
    }
}
