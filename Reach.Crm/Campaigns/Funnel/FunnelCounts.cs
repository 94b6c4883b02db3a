namespace Reach.Crm.Campaigns.Funnel;

/// <summary>
/// A campaign's cumulative funnel: each stage counts the communications that reached it or a later one.
/// </summary>
/// <param name="Queued">The frozen audience.</param>
/// <param name="Failed">Failures without delivery evidence.</param>
/// <param name="Revenue">Attributed revenue in <paramref name="Currency"/>.</param>
public sealed record FunnelCounts(
    long Queued, long Dispatched, long Sent, long Delivered, long Opened, long Read, long Clicked, long Converted, long Failed,
    decimal Revenue, string Currency)
{
    /// <summary>Rates in percent (one decimal): delivered / sent, opened / delivered, read / opened, clicked / delivered, converted / delivered.</summary>
    public FunnelRates Rates => new(
        Pct(Delivered, Sent), Pct(Opened, Delivered), Pct(Read, Opened), Pct(Clicked, Delivered), Pct(Converted, Delivered), Pct(Failed, Sent));

    private static double Pct(long part, long whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);
}

/// <summary>Funnel rates in percent.</summary>
public sealed record FunnelRates(double Delivery, double Open, double Read, double Click, double Conversion, double Failure);

/// <summary>One minute of the series.</summary>
public sealed record FunnelMinute(DateTimeOffset Minute, long Dispatched, long Sent, long Delivered, long Opened, long Read, long Clicked, long Converted, long Failed, decimal Revenue);

/// <summary>What the funnel endpoint and stream return.</summary>
/// <param name="Status">The campaign's status.</param>
/// <param name="Series">Per-minute series, oldest first (at most the last 180 minutes).</param>
/// <param name="AsOf">When the snapshot was read (UTC).</param>
public sealed record FunnelSnapshot(long CampaignId, string Status, FunnelCounts Counts, FunnelRates Rates, IReadOnlyList<FunnelMinute> Series, DateTimeOffset AsOf);
