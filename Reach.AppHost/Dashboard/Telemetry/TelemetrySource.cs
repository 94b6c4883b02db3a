namespace Reach.AppHost.Dashboard.Telemetry;

/// <summary>Which process sent a piece of telemetry: its OTLP resource.</summary>
/// <param name="ServiceName">The <c>service.name</c> attribute (the AppHost resource name, e.g. <c>crm</c>).</param>
/// <param name="InstanceId">The <c>service.instance.id</c> attribute (one per process start), or empty.</param>
public sealed record TelemetrySource(string ServiceName, string InstanceId)
{
    /// <summary>The source of telemetry without a <c>service.name</c>.</summary>
    public static TelemetrySource Unknown { get; } = new("unknown_service", "");
}
