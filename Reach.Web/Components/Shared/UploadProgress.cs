namespace Reach.Web.Components.Shared;

/// <summary>Reports upload progress to a page at most every 100 ms (each report re-renders over the circuit).</summary>
/// <param name="onProgress">Called with the bytes sent so far.</param>
public sealed class UploadProgress(Func<long, Task> onProgress) : IProgress<long>
{
    private long _lastReport;

    /// <inheritdoc />
    public void Report(long value)
    {
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _lastReport) < 100)
        {
            return;
        }

        Interlocked.Exchange(ref _lastReport, now);
        _ = onProgress(value);
    }
}
