namespace Reach.ServiceDefaults.Health;

/// <summary>The health endpoints every Reach service serves, and the tag that marks liveness checks.</summary>
public static class HealthEndpoints
{
    /// <summary>Readiness: every registered check must pass (the CRM adds its database check).</summary>
    public const string HealthPath = "/health";

    /// <summary>Liveness: only the checks tagged <see cref="LiveTag"/>.</summary>
    public const string AlivePath = "/alive";

    /// <summary>The tag of the checks <see cref="AlivePath"/> runs.</summary>
    public const string LiveTag = "live";

    /// <summary>The name of the always-healthy liveness check ServiceDefaults registers.</summary>
    public const string SelfCheckName = "self";
}
