using Microsoft.Extensions.Options;
using Reach.Channel.Receipts;

namespace Reach.Channel.Simulation;

/// <summary>
/// The one background loop of the simulator: wakes at the next due time of the timer queue (or at once when something
/// sooner is scheduled), emits everything due, groups receipts per callback URL into batches of up to
/// <see cref="ReceiptOptions.MaxBatchSize"/> or after <see cref="ReceiptOptions.FlushIntervalMs"/> × time scale, and
/// hands batches (new ones and retries) to the <see cref="ReceiptSender"/>. No task or timer exists per message.
/// </summary>
public sealed class SimulationLoop(
    MessageSimulator simulator,
    ReceiptSender sender,
    IOptions<ChannelOptions> options,
    TimeProvider time,
    ILogger<SimulationLoop> logger) : BackgroundService
{
    /// <summary>Most timer queue items taken per lock acquisition, so intake is never blocked for long.</summary>
    public const int MaxItemsPerPass = 10_000;

    /// <summary>Longest sleep, in ms, when nothing is scheduled.</summary>
    public const int IdleWaitMs = 1_000;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var flushTicks = (long)(o.Receipts.FlushIntervalMs / 1000 * o.TimeScale * time.TimestampFrequency);
        var outbox = new ReceiptOutbox(o.Receipts.MaxBatchSize, flushTicks);
        var shuffle = o.Faults.ShuffleBatches;
        logger.LogInformation(
            "Channel simulator running: seed {Seed}{SeedSource}, time scale {TimeScale}, receipts in batches of up to {MaxBatchSize} every {FlushIntervalMs} ms × scale, {MaxConcurrentSends} concurrent sends; faults: duplicates {DuplicateRate:P1}, hold-backs {HoldBackRate:P1}, lost acknowledgements {TransientFailureRate:P1}",
            simulator.Seed, o.Seed is null ? " (random; set Reach:Channel:Seed to reproduce)" : "", o.TimeScale, o.Receipts.MaxBatchSize, o.Receipts.FlushIntervalMs,
            o.Receipts.MaxConcurrentSends, o.Faults.DuplicateRate, o.Faults.HoldBackRate, o.Faults.TransientFailureRate);

        var receipts = new List<Receipt>();
        var retries = new List<ReceiptBatch>();
        var ready = new List<ReceiptChunk>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetTimestamp();
                int taken;
                do
                {
                    receipts.Clear();
                    retries.Clear();
                    ready.Clear();
                    taken = simulator.TakeDue(now, receipts, retries, MaxItemsPerPass);
                    foreach (var receipt in receipts)
                    {
                        outbox.Add(receipt, now, ready);
                    }

                    Send(ready, shuffle, now);
                    foreach (var retry in retries)
                    {
                        sender.Dispatch(retry);
                    }
                }
                while (taken == MaxItemsPerPass && !stoppingToken.IsCancellationRequested);

                ready.Clear();
                outbox.TakeDue(now, ready);
                Send(ready, shuffle, now);

                var wait = WaitTime(Earliest(simulator.NextDue, outbox.NextFlushAt));
                if (wait > TimeSpan.Zero)
                {
                    await simulator.WaitForWorkAsync(wait, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The simulation loop failed; continuing");
                await Task.Delay(100, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private void Send(List<ReceiptChunk> ready, bool shuffle, long now)
    {
        foreach (var chunk in ready)
        {
            sender.Dispatch(ReceiptBatch.Create(chunk.CallbackUrl, chunk.Receipts, shuffle, now));
        }
    }

    private TimeSpan WaitTime(long? next)
    {
        if (next is not { } at)
        {
            return TimeSpan.FromMilliseconds(IdleWaitMs);
        }

        var ms = (at - time.GetTimestamp()) * 1000.0 / time.TimestampFrequency;

        // Sleep in whole milliseconds (a shorter wait would return at once and spin).
        return ms <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(IdleWaitMs, Math.Ceiling(ms)));
    }

    private static long? Earliest(long? a, long? b) => a is { } x ? (b is { } y ? Math.Min(x, y) : x) : b;
}
