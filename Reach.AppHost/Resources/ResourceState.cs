namespace Reach.AppHost.Resources;

/// <summary>The lifecycle state of a resource (the names Aspire's dashboard uses, where it has one).</summary>
public enum ResourceState
{
    /// <summary>Not started yet.</summary>
    NotStarted,

    /// <summary>Its project is being built.</summary>
    Building,

    /// <summary>Waiting for the resources it depends on to be healthy.</summary>
    Waiting,

    /// <summary>Started; not yet healthy.</summary>
    Starting,

    /// <summary>Running and healthy.</summary>
    Running,

    /// <summary>Running, but it did not become healthy in time.</summary>
    Unhealthy,

    /// <summary>Being stopped on request.</summary>
    Stopping,

    /// <summary>Stopped on request.</summary>
    Stopped,

    /// <summary>Exited by itself (crashed or quit); see the exit code.</summary>
    Exited,

    /// <summary>Could not be started (build error, a dependency that failed, a start error).</summary>
    FailedToStart,
}
