namespace Reach.Bench.Reporting;

/// <summary>The run's results, in the order they were recorded (safe to use from several threads).</summary>
public sealed class ResultLog
{
    private readonly List<BenchResult> _results = [];
    private readonly Lock _lock = new();

    /// <summary>A snapshot of the rows recorded so far.</summary>
    public IReadOnlyList<BenchResult> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _results];
            }
        }
    }

    /// <summary>Records a measured number, comparing it with <paramref name="target"/> when one is given.</summary>
    public BenchResult Record(string scenario, string figure, double value, string unit, Baseline? baseline = null, Target? target = null)
    {
        var display = ValueFormat.Format(value, unit);
        return Add(new BenchResult(scenario, figure, value, unit, display, baseline, target, target?.IsMetBy(value), null));
    }

    /// <summary>Records a row whose value is text (e.g. a summary of counts).</summary>
    public BenchResult Note(string scenario, string figure, string text) =>
        Add(new BenchResult(scenario, figure, null, "", text, null, null, null, null));

    /// <summary>Records that <paramref name="scenario"/> failed.</summary>
    public BenchResult Fail(string scenario, Exception error)
    {
        var message = error is OperationCanceledException ? "cancelled" : $"{error.GetType().Name}: {error.Message}";
        return Add(new BenchResult(scenario, "failed", null, "", Oneline(message), null, null, null, message));
    }

    private BenchResult Add(BenchResult result)
    {
        lock (_lock)
        {
            _results.Add(result);
        }

        Progress.Write($"  {result.Scenario} | {result.Figure} = {result.Display}" +
                       (result.Target is null ? "" : $" (target {result.Target}: {result.MetCell})"));
        return result;
    }

    private static string Oneline(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
