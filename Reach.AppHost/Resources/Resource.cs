namespace Reach.AppHost.Resources;

/// <summary>
/// Something the AppHost runs (a database, a service) with its state, its dependencies and its recent output.
/// Runners (<see cref="IResourceRunner"/>) change the state; everything else only reads it.
/// </summary>
/// <param name="name">The resource name, as in ARCHITECTURE §2.</param>
/// <param name="logCapacity">How many output lines <see cref="Log"/> keeps.</param>
public abstract class Resource(string name, int logCapacity)
{
    private readonly Lock _lock = new();
    private readonly List<Resource> _waitsFor = [];
    private readonly List<Resource> _references = [];
    private ResourceSnapshot? _snapshot;
    private TaskCompletionSource _ready = NewReadySource();

    /// <summary>The resource name.</summary>
    public string Name { get; } = name;

    /// <summary>The kind of resource, for display.</summary>
    public abstract string Type { get; }

    /// <summary>The resources that must be healthy before this one starts.</summary>
    public IReadOnlyList<Resource> WaitsFor => _waitsFor;

    /// <summary>The resources whose addresses this one is given (connection strings, service URLs).</summary>
    public IReadOnlyList<Resource> References => _references;

    /// <summary>Recent output and AppHost messages about this resource.</summary>
    public ResourceLog Log { get; } = new(logCapacity);

    /// <summary>The environment of its current (or last) process, for display: only what the AppHost set, secrets unmasked.</summary>
    public IReadOnlyDictionary<string, string> LaunchEnvironment { get; set; } = new Dictionary<string, string>();

    /// <summary>The current state.</summary>
    public ResourceSnapshot Snapshot
    {
        get
        {
            lock (_lock)
            {
                return _snapshot ??= Initial();
            }
        }
    }

    /// <summary>The current lifecycle state.</summary>
    public ResourceState State => Snapshot.State;

    /// <summary>Raised after every state change (on the thread that made it).</summary>
    public event Action<ResourceSnapshot>? StateChanged;

    /// <summary>Starts this resource only once <paramref name="dependency"/> is healthy.</summary>
    public Resource WaitFor(Resource dependency)
    {
        _waitsFor.Add(dependency);
        return this;
    }

    /// <summary>Gives this resource the address of <paramref name="other"/> (and stops it before <paramref name="other"/>).</summary>
    public Resource WithReference(Resource other)
    {
        _references.Add(other);
        return this;
    }

    /// <summary>Completes when this resource is <see cref="ResourceState.Running"/> (healthy).</summary>
    /// <exception cref="DependencyFailedException">It failed, exited or was stopped first.</exception>
    public Task WhenReadyAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _ready.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Changes the state; <see cref="ResourceSnapshot.ChangedAt"/> is set here.</summary>
    /// <param name="change">Computes the new snapshot from the current one.</param>
    public ResourceSnapshot Update(Func<ResourceSnapshot, ResourceSnapshot> change)
    {
        ResourceSnapshot next;
        lock (_lock)
        {
            var current = _snapshot ??= Initial();
            next = change(current) with { Name = Name, Type = Type, ChangedAt = DateTimeOffset.UtcNow };
            _snapshot = next;
            switch (next.State)
            {
                case ResourceState.Building or ResourceState.Waiting or ResourceState.Starting when _ready.Task.IsCompleted:
                    _ready = NewReadySource();
                    break;
                case ResourceState.Running:
                    _ready.TrySetResult();
                    break;
                case ResourceState.Unhealthy or ResourceState.Stopping or ResourceState.Stopped or ResourceState.Exited or ResourceState.FailedToStart:
                    if (!_ready.Task.IsCompleted)
                    {
                        _ready.TrySetException(new DependencyFailedException(Name, next.StateText));
                    }
                    else if (_ready.Task.IsCompletedSuccessfully)
                    {
                        _ready = NewReadySource();
                        _ready.TrySetException(new DependencyFailedException(Name, next.StateText));
                    }

                    break;
            }
        }

        StateChanged?.Invoke(next);
        return next;
    }

    /// <summary>Sets the state, keeping everything else.</summary>
    public ResourceSnapshot SetState(ResourceState state, string? message = null) =>
        Update(s => s with { State = state, Message = message });

    private ResourceSnapshot Initial() =>
        new(Name, Type, ResourceState.NotStarted, null, null, null, null, null, DateTimeOffset.UtcNow);

    private static TaskCompletionSource NewReadySource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Observed only when someone waits; don't let an unobserved failure surface.
        source.Task.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        return source;
    }
}
