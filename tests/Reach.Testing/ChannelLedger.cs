using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reach.Testing;

/// <summary>
/// The channel simulator's ledger of a campaign (<c>GET /v1/ledger/{campaignId}</c>: what it accepted and every receipt
/// it emitted) and its comparison with the CRM's funnel — how the end-to-end tests prove exactly-once receipts.
/// </summary>
public static class ChannelLedger
{
    /// <summary>The funnel stages compared, after <c>queued</c> and <c>dispatched</c>.</summary>
    public static readonly IReadOnlyList<string> Stages = ["sent", "delivered", "opened", "read", "clicked", "converted", "failed"];

    /// <summary>The ledger of <paramref name="campaignId"/> at the channel <paramref name="channelUrl"/>, or null while the channel has none of its messages.</summary>
    /// <exception cref="HttpRequestException">The channel answered neither 200 nor 404.</exception>
    public static async Task<JsonElement?> GetAsync(HttpClient http, string channelUrl, long campaignId, CancellationToken ct)
    {
        using var response = await http.GetAsync($"{channelUrl.TrimEnd('/')}/v1/ledger/{campaignId}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    /// <summary>Whether the ledger holds all <paramref name="audience"/> messages and the channel has emitted every receipt.</summary>
    public static bool IsComplete(JsonElement? ledger, int audience) =>
        ledger is { } l && l.GetProperty("complete").GetBoolean() && l.GetProperty("messages").GetInt64() == audience;

    /// <summary>
    /// Where the CRM's funnel snapshot (<c>{ counts: { queued, dispatched, sent, …, revenue } }</c>) differs from the ledger
    /// (its cumulative view: a stage counts every message whose furthest event is it or later, like the CRM's): every
    /// one of <paramref name="audience"/> messages queued, dispatched and accepted once, no receipt dropped, each stage and
    /// the revenue equal. Empty when they agree.
    /// </summary>
    public static IReadOnlyList<string> Differences(JsonElement funnel, JsonElement ledger, int audience)
    {
        var counts = funnel.GetProperty("counts");
        var events = ledger.GetProperty("funnel");
        var differences = new List<string>();
        void Expect(string what, decimal expected, decimal actual)
        {
            if (expected != actual)
            {
                differences.Add($"{what}: expected {expected}, got {actual}");
            }
        }

        Expect("receipts dropped by the channel", 0, ledger.GetProperty("receipts_dropped").GetInt64());
        Expect("queued", audience, counts.GetProperty("queued").GetInt64());
        Expect("dispatched", audience, counts.GetProperty("dispatched").GetInt64());
        Expect("messages the channel accepted", audience, ledger.GetProperty("messages").GetInt64());
        foreach (var stage in Stages)
        {
            Expect($"{stage} (ledger vs funnel)", events.GetProperty(stage).GetInt64(), counts.GetProperty(stage).GetInt64());
        }

        Expect("revenue (ledger vs funnel)", ledger.GetProperty("revenue").GetDecimal(), counts.GetProperty("revenue").GetDecimal());
        return differences;
    }
}
