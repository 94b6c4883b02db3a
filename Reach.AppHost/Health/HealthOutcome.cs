namespace Reach.AppHost.Health;

/// <summary>How waiting for a service to become healthy ended.</summary>
public enum HealthOutcome
{
    /// <summary><c>GET /health</c> answered 200.</summary>
    Healthy,

    /// <summary>The process exited first.</summary>
    Exited,

    /// <summary>It did not answer 200 in time.</summary>
    TimedOut,
}
