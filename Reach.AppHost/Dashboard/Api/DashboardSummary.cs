namespace Reach.AppHost.Dashboard.Api;

/// <summary>What the dashboard holds and where telemetry goes.</summary>
/// <param name="Resources">How many resources there are.</param>
/// <param name="Traces">How many traces are kept.</param>
/// <param name="LogRecords">How many structured log records are kept.</param>
/// <param name="OtlpUrl">The built-in OTLP/HTTP receiver.</param>
/// <param name="ExportEndpoint">Where the services export to (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).</param>
/// <param name="ExportProtocol">How (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>).</param>
public sealed record DashboardSummary(int Resources, int Traces, int LogRecords, string OtlpUrl, string? ExportEndpoint, string ExportProtocol);
