using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Reach.Channel;
using Reach.Channel.Ledger;
using Reach.ServiceDefaults.Webhooks;

namespace Reach.Channel.Tests.Infrastructure;

/// <summary>
/// The channel in-process. Defaults: the test signing secret, <c>TimeScale</c> 0.001, warnings-only logs; change
/// <see cref="Settings"/> (or pass them) before first use.
/// </summary>
public sealed class ChannelFactory : WebApplicationFactory<Program>
{
    /// <summary>The secret both sides sign with.</summary>
    public const string Secret = "test-signing-secret";

    /// <summary>Creates a factory with the defaults overlaid by <paramref name="settings"/> (a null value removes a default).</summary>
    public ChannelFactory(IReadOnlyDictionary<string, string?>? settings = null)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }
    }

    /// <summary>Configuration given to the channel.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Reach:Channel:SigningSecret"] = Secret,
        ["Reach:Channel:TimeScale"] = "0.001",
    };

    /// <summary>The host environment (default Development).</summary>
    public string Environment { get; set; } = "Development";

    /// <summary>Posts a send batch signed with <paramref name="secret"/> at <paramref name="at"/> (now by default); unsigned when <paramref name="secret"/> is empty.</summary>
    public async Task<HttpResponseMessage> PostBatchAsync(string json, CancellationToken ct, string? secret = Secret, DateTimeOffset? at = null, string? traceparent = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages:batch") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (!string.IsNullOrEmpty(secret))
        {
            var id = "msg_" + Guid.NewGuid().ToString("N");
            var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
            request.Headers.Add(StandardWebhook.IdHeader, id);
            request.Headers.Add(StandardWebhook.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(StandardWebhook.SignatureHeader, new StandardWebhook(secret).Sign(id, timestamp, body));
        }

        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", traceparent);
        }

        return await CreateClient().SendAsync(request, ct);
    }

    /// <summary>The ledger of a campaign, or null on 404.</summary>
    public async Task<LedgerResponse?> GetLedgerAsync(long campaignId, CancellationToken ct, bool detail = false, long? after = null, int? limit = null)
    {
        var url = $"/v1/ledger/{campaignId}?detail={(detail ? "true" : "false")}{(after is { } a ? $"&after={a}" : "")}{(limit is { } l ? $"&limit={l}" : "")}";
        using var response = await CreateClient().GetAsync(url, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(ChannelJsonContext.Default.LedgerResponse, ct);
    }

    /// <summary>Polls the ledger until <c>complete</c> (fails after <paramref name="timeoutSeconds"/>).</summary>
    public async Task<LedgerResponse> WaitForCompleteAsync(long campaignId, CancellationToken ct, double timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        LedgerResponse? ledger = null;
        while (DateTime.UtcNow < deadline)
        {
            ledger = await GetLedgerAsync(campaignId, ct);
            if (ledger is { Complete: true })
            {
                return ledger;
            }

            await Task.Delay(25, ct);
        }

        Assert.Fail($"campaign {campaignId} not complete after {timeoutSeconds} s: {JsonSerializer.Serialize(ledger, ChannelJsonContext.Default.LedgerResponse!)}");
        return null!;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
