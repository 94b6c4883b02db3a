namespace Reach.AppHost.Configuration;

/// <summary>Settings of the telemetry dashboard (a later addition; until it exists, telemetry export stays off).</summary>
public sealed class DashboardOptions
{
    /// <summary>
    /// Whether the services export telemetry to <see cref="OtlpEndpoint"/> (sets <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).
    /// Default false, so that services don't log export errors while nothing listens.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>The OTLP/HTTP endpoint the services export to (Aspire's standalone dashboard port). Default <c>http://127.0.0.1:18890</c>.</summary>
    public string OtlpEndpoint { get; set; } = "http://127.0.0.1:18890";
}
