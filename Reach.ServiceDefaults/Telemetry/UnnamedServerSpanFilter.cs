using System.Diagnostics;
using OpenTelemetry;

namespace Reach.ServiceDefaults.Telemetry;

/// <summary>
/// Drops ASP.NET Core server spans that <see cref="HttpServerActivityMiddleware"/> never named: they
/// come from web hosts in the same process that do not use ServiceDefaults (in tests, a fake OTLP
/// receiver, whose every export would otherwise produce a span to export). Runs before the exporter.
/// </summary>
internal sealed class UnnamedServerSpanFilter : BaseProcessor<Activity>
{
    private const string AspNetCoreSource = "Microsoft.AspNetCore";

    public override void OnEnd(Activity data)
    {
        if (data.Kind == ActivityKind.Server
            && data.Source.Name == AspNetCoreSource
            && string.Equals(data.DisplayName, data.OperationName, StringComparison.Ordinal))
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
