namespace Reach.Crm.Campaigns.Dispatch;

/// <summary>Section <c>Reach:Dispatch</c>.</summary>
public sealed class DispatchOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Reach:Dispatch";

    /// <summary>Whether this instance dispatches at all (default true; false for an API-only replica).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages per batch sent to the channel (1–10,000; default 1,000).</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Concurrent dispatch loops per CRM instance (default 2).</summary>
    public int Workers { get; set; } = 2;

    /// <summary>Messages per second per channel; 0 or absent = unthrottled. Keys: whatsapp, sms, email, rcs.</summary>
    public Dictionary<string, int> RatePerSecond { get; set; } = [];

    /// <summary>How long a batch the channel did not acknowledge waits before it is sent again, in seconds (default 30).</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often an idle dispatcher looks for work without a notification, in ms (default 1,000).</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>A campaign completes when everything is dispatched and no receipt arrived for this long, in seconds (default 30).</summary>
    public double CompletionQuietSeconds { get; set; } = 30;

    /// <summary>Where the channel posts receipts; default: this service's first URL + <c>/api/webhooks/receipts</c>.</summary>
    public string? CallbackUrl { get; set; }

    /// <summary>The channel's base address, resolved by service discovery (default <c>http://channel</c>).</summary>
    public string ChannelUrl { get; set; } = "http://channel";
}
