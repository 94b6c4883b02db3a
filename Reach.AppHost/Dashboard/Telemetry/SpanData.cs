namespace Reach.AppHost.Dashboard.Telemetry;

/// <summary>A received span, decoded from OTLP.</summary>
/// <param name="TraceId">The trace id, 32 lower-case hex digits.</param>
/// <param name="SpanId">The span id, 16 hex digits.</param>
/// <param name="ParentSpanId">The parent's span id, or null for a root span.</param>
/// <param name="Name">The span name, e.g. <c>POST /api/campaigns/{id}/launch</c>.</param>
/// <param name="Kind">Internal, Server, Client, Producer or Consumer.</param>
/// <param name="Source">The process that sent it.</param>
/// <param name="Scope">The instrumentation scope (ActivitySource name), e.g. <c>Npgsql</c>.</param>
/// <param name="Start">When it started.</param>
/// <param name="End">When it ended.</param>
/// <param name="Status">Unset, Ok or Error.</param>
/// <param name="StatusMessage">The error description, when there is one.</param>
/// <param name="Attributes">The span's attributes.</param>
/// <param name="Events">Its events (exceptions, annotations).</param>
/// <param name="Links">Its links to spans of this or other traces.</param>
public sealed record SpanData(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Kind,
    TelemetrySource Source,
    string Scope,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Status,
    string? StatusMessage,
    IReadOnlyList<TelemetryAttribute> Attributes,
    IReadOnlyList<SpanEventData> Events,
    IReadOnlyList<SpanLinkData> Links)
{
    /// <summary>How long it took.</summary>
    public TimeSpan Duration => End >= Start ? End - Start : TimeSpan.Zero;

    /// <summary>How long it took, in milliseconds (for the UI).</summary>
    public double DurationMs => Duration.TotalMilliseconds;

    /// <summary>Whether its status is Error.</summary>
    public bool IsError => Status == "Error";

    /// <summary>The value of an attribute, or null.</summary>
    public string? Attribute(string key) => Attributes.FirstOrDefault(a => a.Key == key)?.Value;

    /// <summary>
    /// The database system when this is a database client span (<c>db.system.name</c> or the older <c>db.system</c>),
    /// e.g. <c>postgresql</c>; null otherwise.
    /// </summary>
    public string? DatabaseSystem => Attribute("db.system.name") ?? Attribute("db.system");
}

/// <summary>A time-stamped event of a span.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Name">Its name, e.g. <c>exception</c>.</param>
/// <param name="Attributes">Its attributes.</param>
public sealed record SpanEventData(DateTimeOffset Time, string Name, IReadOnlyList<TelemetryAttribute> Attributes);

/// <summary>A link from a span to another span (e.g. from a receipt batch to the send batch it answers).</summary>
/// <param name="TraceId">The linked span's trace id.</param>
/// <param name="SpanId">The linked span's id.</param>
/// <param name="Attributes">The link's attributes.</param>
public sealed record SpanLinkData(string TraceId, string SpanId, IReadOnlyList<TelemetryAttribute> Attributes);
