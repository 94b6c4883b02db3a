using System.Collections.Concurrent;
using System.Diagnostics;
using Reach.Crm.Copilot.OpenAi;

namespace Reach.Crm.Tests.Copilot.OpenAi;

/// <summary>
/// Records the finished spans of <see cref="GenAiTelemetry.ActivitySourceName"/> that carry <c>server.port</c> =
/// the given port, so tests running in parallel against other fake servers don't see each other's spans.
/// </summary>
public sealed class SpanCollector : IDisposable
{
    private readonly ActivityListener _listener;

    /// <summary>Starts listening.</summary>
    public SpanCollector(int serverPort)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GenAiTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("server.port") is int port && port == serverPort)
                {
                    Spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The finished spans, in order.</summary>
    public ConcurrentQueue<Activity> Spans { get; } = new();

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
