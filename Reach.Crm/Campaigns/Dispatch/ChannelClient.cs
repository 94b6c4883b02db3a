using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Reach.ServiceDefaults.Webhooks;

namespace Reach.Crm.Campaigns.Dispatch;

/// <summary>Sends signed batches to the channel (Standard Webhooks signature with <c>Reach:Channel:SigningSecret</c>).</summary>
public sealed class ChannelClient(HttpClient http, StandardWebhook signer, IOptions<DispatchOptions> options, TimeProvider time)
{
    /// <summary>Posts one batch.</summary>
    /// <returns>The channel's answer, or null when it did not accept the batch (the messages stay queued and are sent again after the lease).</returns>
    public async Task<(ChannelBatchAccepted? Accepted, string? Error)> SendAsync(ChannelBatch batch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.Value.ChannelUrl), "/v1/messages:batch"))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(batch)),
        };
        request.Content.Headers.ContentType = new("application/json");
        await signer.SignAsync(request, batch.BatchId, time.GetUtcNow(), ct);
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }

            return (await response.Content.ReadFromJsonAsync<ChannelBatchAccepted>(ct), null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException or JsonException && !ct.IsCancellationRequested)
        {
            return (null, e.Message);
        }
    }
}
