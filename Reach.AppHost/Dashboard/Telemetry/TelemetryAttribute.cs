namespace Reach.AppHost.Dashboard.Telemetry;

/// <summary>One attribute of a span, event, link, log record, resource or data point, its value rendered as text.</summary>
/// <param name="Key">The attribute name, e.g. <c>http.route</c>.</param>
/// <param name="Value">The value as text (arrays as <c>[a, b]</c>, maps as <c>{k: v}</c>).</param>
public sealed record TelemetryAttribute(string Key, string Value);
