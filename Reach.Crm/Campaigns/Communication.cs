namespace Reach.Crm.Campaigns;

/// <summary>One message to one customer in a campaign; <see cref="Stage"/> only moves forward.</summary>
public sealed class Communication
{
    public long Id { get; set; }
    public long CampaignId { get; set; }
    public long CustomerId { get; set; }
    public required string Channel { get; set; }

    /// <summary>Phone (E.164) or e-mail the message goes to.</summary>
    public required string RecipientAddress { get; set; }

    public string? RenderedBody { get; set; }

    /// <summary>Furthest stage reached: queued &lt; dispatched &lt; sent &lt; delivered &lt; opened &lt; read &lt; clicked &lt; converted; or failed.</summary>
    public short Stage { get; set; }

    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? ClickedAt { get; set; }
    public DateTimeOffset? ConvertedAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public string? FailureReason { get; set; }

    /// <summary>Attributed order value, in the campaign currency; set once.</summary>
    public decimal? ConversionValue { get; set; }

    /// <summary>Sends the dispatcher finished, acknowledged or not (one cut short by a crash is not counted).</summary>
    public int Attempts { get; set; }

    /// <summary>Set when the channel did not acknowledge a send: the message is not claimed again before this time (UTC).</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}
