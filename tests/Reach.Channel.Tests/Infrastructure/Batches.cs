using System.Text.Json;

namespace Reach.Channel.Tests.Infrastructure;

/// <summary>Builds send batch bodies as the CRM writes them.</summary>
public static class Batches
{
    /// <summary>A batch of messages with the given communication ids.</summary>
    public static string Json(long campaignId, Uri callbackUrl, IEnumerable<long> communicationIds, string channel = "whatsapp", string? currency = null, string? batchId = null) =>
        JsonSerializer.Serialize(new
        {
            batch_id = batchId ?? "b_" + Guid.NewGuid().ToString("N"),
            campaign_id = campaignId,
            channel,
            callback_url = callbackUrl.ToString(),
            currency,
            messages = communicationIds.Select(id => new { communication_id = id, to = $"+9198{id:D8}", body = $"Hello {id}" }).ToArray(),
        });

    /// <summary>Ids <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1.</summary>
    public static IEnumerable<long> Ids(long first, int count) => Enumerable.Range(0, count).Select(i => first + i);
}
