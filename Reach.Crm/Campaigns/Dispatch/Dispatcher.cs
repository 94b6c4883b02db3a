using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Reach.Crm.Infrastructure;

namespace Reach.Crm.Campaigns.Dispatch;

/// <summary>
/// Sends queued communications to the channel (ARCHITECTURE §6): several loops claim batches with
/// <c>FOR NO KEY UPDATE SKIP LOCKED</c> (safe with several CRM instances), render each body, post the batch signed, and
/// — in the transaction that claimed it, which holds the rows meanwhile — mark it dispatched once the channel answers
/// 202. A batch the channel did not acknowledge gets a lease and is sent again when the lease expires; a batch whose
/// instance stopped or crashed mid-send is rolled back and sent again at once. The channel de-duplicates by communication
/// id, so nobody gets a message twice. Per-channel rates are token buckets. Each batch is a span in the launch's trace.
/// </summary>
public sealed class Dispatcher(
    DispatchQueue queue,
    ChannelClient channel,
    PostgresListener listener,
    DatabaseState state,
    IOptions<DispatchOptions> options,
    IServer server,
    ILogger<Dispatcher> logger) : BackgroundService
{
    private static readonly ActivitySource Activity = new("Reach.Crm.Dispatch");
    private static readonly Meter Meter = new("Reach.Crm");
    private static readonly Counter<long> Dispatched = Meter.CreateCounter<long>("reach.messages.dispatched", "{message}", "Messages accepted by the channel");
    private static readonly Counter<long> Unacknowledged = Meter.CreateCounter<long>("reach.messages.unacknowledged", "{message}", "Messages of batches the channel did not accept (sent again after the lease)");

    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>
    /// The largest communication id any worker of this instance claimed: the next claim starts after it, so a worker does
    /// not walk over the rows the others hold (each a skipped lock) or have just dispatched (dead index entries). Back
    /// to 0 when a claim after it comes back empty, to pick up expired leases and rows a stopped instance gave back.
    /// </summary>
    private long _claimedUpTo;
    private readonly Dictionary<string, RateLimiter> _limiters = new();
    private readonly Dictionary<long, MessageTemplate> _templates = new();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = listener.Subscribe(CampaignLauncher.DispatchChannel, _ => Wake());
        while (!state.IsMigrated)
        {
            await Task.Delay(100, stoppingToken);
        }

        var o = options.Value;
        if (!o.Enabled)
        {
            logger.LogInformation("Dispatch is disabled on this instance (Reach:Dispatch:Enabled=false)");
            return;
        }

        foreach (var (ch, rate) in o.RatePerSecond.Where(r => r.Value > 0))
        {
            _limiters[ch] = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = rate, TokensPerPeriod = rate, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = int.MaxValue, AutoReplenishment = true,
            });
        }

        var workers = Enumerable.Range(0, Math.Clamp(o.Workers, 1, 16)).Select(_ => WorkAsync(stoppingToken)).ToList();
        workers.Add(CompleteAsync(stoppingToken));
        await Task.WhenAll(workers);
    }

    /// <summary>Raises <see cref="_claimedUpTo"/> to <paramref name="id"/> unless another worker claimed further already.</summary>
    private void ClaimedUpTo(long id)
    {
        var seen = Interlocked.Read(ref _claimedUpTo);
        while (seen < id)
        {
            var current = Interlocked.CompareExchange(ref _claimedUpTo, id, seen);
            if (current == seen)
            {
                return;
            }

            seen = current;
        }
    }

    private void Wake() => _wake.Release(Math.Max(1, options.Value.Workers));

    private async Task WorkAsync(CancellationToken ct)
    {
        var o = options.Value;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var after = Interlocked.Read(ref _claimedUpTo);
                await using var batch = await queue.ClaimAsync(Math.Clamp(o.BatchSize, 1, 10_000), after, ct);
                if (batch is null)
                {
                    if (after > 0)
                    {
                        Interlocked.CompareExchange(ref _claimedUpTo, 0, after); // from the front again: expired leases, new campaigns
                        continue;
                    }

                    await _wake.WaitAsync(TimeSpan.FromMilliseconds(o.PollMilliseconds), ct);
                    continue;
                }

                ClaimedUpTo(batch.Messages[^1].Id);
                var accepted = new List<(string Channel, int Count)>();
                foreach (var group in batch.Messages.GroupBy(c => (c.CampaignId, c.Channel)))
                {
                    if (await SendAsync(batch, group.Key.CampaignId, group.Key.Channel, group.ToList(), ct))
                    {
                        accepted.Add((group.Key.Channel, group.Count()));
                    }
                }

                await batch.CompleteAsync(TimeSpan.FromSeconds(o.LeaseSeconds), ct);
                foreach (var (channelName, count) in accepted)
                {
                    Dispatched.Add(count, new KeyValuePair<string, object?>("channel", channelName));
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(e, "Dispatch loop failed; retrying in 1 s");
                await Task.Delay(1000, ct);
            }
        }
    }

    /// <summary>Renders and posts one campaign's messages of a batch and notes the channel's answer on it; true when accepted.</summary>
    private async Task<bool> SendAsync(ClaimedBatch batch, long campaignId, string channelName, List<DispatchQueue.Claimed> messages, CancellationToken ct)
    {
        var campaign = await queue.CampaignAsync(campaignId, ct);
        if (campaign is null)
        {
            return false; // cancelled meanwhile: left queued, and a cancelled campaign is never claimed again
        }

        ActivityContext.TryParse(campaign.TraceParent, null, out var parent);
        using var activity = Activity.StartActivity("campaign dispatch", ActivityKind.Producer, parent);
        activity?.SetTag("reach.campaign.id", campaignId);
        activity?.SetTag("messaging.system", "reach-channel");
        activity?.SetTag("messaging.destination.name", channelName);
        activity?.SetTag("messaging.batch.message_count", messages.Count);

        if (_limiters.TryGetValue(channelName, out var limiter))
        {
            using var lease = await limiter.AcquireAsync(Math.Min(messages.Count, options.Value.RatePerSecond[channelName]), ct);
        }

        var template = Template(campaign);
        var bodies = messages.Select(m => template.Render(m.FirstName, m.Name, m.City, m.LastItem)).ToList();
        var sent = new ChannelBatch(
            $"b_{campaignId}_{messages[0].Id}_{messages.Count}", campaignId, channelName, CallbackUrl(), campaign.Currency,
            messages.Select((m, i) => new ChannelMessage(m.Id, m.Address, bodies[i])).ToList());
        var (accepted, error) = await channel.SendAsync(sent, ct);
        if (accepted is null)
        {
            batch.Unacknowledged(messages);
            Unacknowledged.Add(messages.Count);
            activity?.SetStatus(ActivityStatusCode.Error, error);
            logger.LogWarning("Channel did not accept batch {BatchId} of campaign {CampaignId} ({Count} messages): {Error}; it is sent again after the lease",
                sent.BatchId, campaignId, messages.Count, error);
            return false;
        }

        batch.Accept(messages, bodies);
        return true;
    }

    private MessageTemplate Template(DispatchQueue.CampaignInfo campaign)
    {
        lock (_templates)
        {
            if (!_templates.TryGetValue(campaign.Id, out var template))
            {
                template = MessageTemplate.Parse(campaign.Template).Template
                    ?? throw new InvalidOperationException($"campaign {campaign.Id} has an invalid template");
                _templates[campaign.Id] = template;
            }

            return template;
        }
    }

    private string CallbackUrl()
    {
        if (options.Value.CallbackUrl is { Length: > 0 } configured)
        {
            return configured;
        }

        var address = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("no server address is known; set Reach:Dispatch:CallbackUrl");
        return address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").TrimEnd('/') + "/api/webhooks/receipts";
    }

    private async Task CompleteAsync(CancellationToken ct)
    {
        var quiet = TimeSpan.FromSeconds(options.Value.CompletionQuietSeconds);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Clamp(quiet.TotalSeconds / 4, 0.2, 5)), ct);
                foreach (var id in await queue.CompleteQuietCampaignsAsync(quiet, ct))
                {
                    lock (_templates)
                    {
                        _templates.Remove(id);
                    }

                    logger.LogInformation("Campaign {CampaignId} completed", id);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Completion check failed: {Message}", e.Message);
            }
        }
    }
}
