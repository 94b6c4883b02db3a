namespace Reach.AppHost.Dashboard;

/// <summary>Where the dashboard runs in this AppHost and where the services send their telemetry.</summary>
/// <param name="Enabled">Whether the dashboard and its receiver run.</param>
/// <param name="UiPort">The dashboard UI's port.</param>
/// <param name="OtlpPort">The OTLP/HTTP receiver's port.</param>
/// <param name="ExportEndpoint">What the services get as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or null for no export.</param>
/// <param name="ExportProtocol">What the services get as <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>.</param>
public sealed record DashboardEndpoints(bool Enabled, int UiPort, int OtlpPort, string? ExportEndpoint, string ExportProtocol)
{
    /// <summary>The dashboard's address, e.g. <c>http://localhost:18888</c>.</summary>
    public string UiUrl => $"http://localhost:{UiPort}";

    /// <summary>The receiver's address, e.g. <c>http://localhost:18890</c>.</summary>
    public string OtlpUrl => $"http://localhost:{OtlpPort}";
}
