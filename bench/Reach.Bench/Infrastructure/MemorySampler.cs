namespace Reach.Bench.Infrastructure;

/// <summary>Polls a running process's <c>VmRSS</c>/<c>VmHWM</c> every 50 ms until stopped (for long-running children).</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly long _startRss;
    private long _maxRss;
    private long _hwm;
    private int _samples;

    private MemorySampler(int pid)
    {
        _pid = pid;
        if (ProcStatus.TryRead(pid) is { } first)
        {
            _startRss = first.RssBytes;
            Take(first);
        }

        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Starts sampling <paramref name="pid"/>.</summary>
    public static MemorySampler Start(int pid) => new(pid);

    /// <summary>Takes a last sample, stops, and returns what was seen.</summary>
    public async Task<MemoryWindow> StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }

            if (ProcStatus.TryRead(_pid) is { } last)
            {
                Take(last);
            }
        }

        return new MemoryWindow(_startRss, _maxRss, _hwm, _samples);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            if (ProcStatus.TryRead(_pid) is { } status)
            {
                Take(status);
            }
        }
    }

    private void Take(ProcStatus status)
    {
        _maxRss = Math.Max(_maxRss, status.RssBytes);
        _hwm = Math.Max(_hwm, status.HighWaterMarkBytes);
        _samples++;
    }
}
