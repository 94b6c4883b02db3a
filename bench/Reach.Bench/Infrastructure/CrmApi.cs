using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reach.ServiceDefaults.Webhooks;

namespace Reach.Bench.Infrastructure;

/// <summary>The CRM's HTTP API as the scenarios use it: JSON in and out, client-measured times, signed receipt batches.</summary>
public sealed class CrmApi : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly StandardWebhook _signer = new(CrmServer.SigningSecret);

    /// <summary>A client for the CRM at <paramref name="baseUrl"/> (no overall timeout: a 1M launch takes a while).</summary>
    public CrmApi(string baseUrl)
    {
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>A client for the CRM at <paramref name="baseUrl"/>, signed in as the bench user (<see cref="CrmServer.UserName"/>).</summary>
    /// <exception cref="InvalidOperationException">Sign-in was refused.</exception>
    public static async Task<CrmApi> ConnectAsync(string baseUrl, CancellationToken cancellationToken)
    {
        var api = new CrmApi(baseUrl);
        try
        {
            var token = await Reach.Testing.TestUsers.SignInAsync(api._http, CrmServer.UserName, CrmServer.Password, cancellationToken);
            Reach.Testing.TestUsers.Authorize(api._http, token);
            return api;
        }
        catch
        {
            api.Dispose();
            throw;
        }
    }

    /// <summary>The underlying client (for streams).</summary>
    public HttpClient Http => _http;

    /// <summary>POSTs <paramref name="json"/> to <paramref name="path"/> and returns the parsed answer and the client-measured time.</summary>
    /// <exception cref="HttpRequestException">The answer was not 2xx (the message holds its body).</exception>
    public async Task<(JsonElement Body, TimeSpan Elapsed)> PostJsonAsync(string path, string json, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = Json;
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.PostAsync(path, content, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return (Parse(response, path, body), elapsed);
    }

    /// <summary>GETs <paramref name="path"/> as JSON.</summary>
    /// <exception cref="HttpRequestException">The answer was not 2xx.</exception>
    public async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return Parse(response, path, body);
    }

    /// <summary>Saves a segment; returns its id.</summary>
    public async Task<long> CreateSegmentAsync(string name, string definitionJson, CancellationToken cancellationToken)
    {
        var (body, _) = await PostJsonAsync("/api/segments",
            $$"""{"name":{{JsonSerializer.Serialize(name)}},"definition":{{definitionJson}}}""", cancellationToken);
        return body.GetProperty("id").GetInt64();
    }

    /// <summary>Creates a draft campaign; returns its id.</summary>
    public async Task<long> CreateCampaignAsync(string name, long segmentId, string channel, string template, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(new { name, segmentId, channel, messageTemplate = template });
        var (body, _) = await PostJsonAsync("/api/campaigns", json, cancellationToken);
        return body.GetProperty("id").GetInt64();
    }

    /// <summary>Launches a draft; returns <c>{ audienceSize, excluded, … }</c> and the client-measured time.</summary>
    public Task<(JsonElement Body, TimeSpan Elapsed)> LaunchAsync(long campaignId, CancellationToken cancellationToken) =>
        PostJsonAsync($"/api/campaigns/{campaignId}/launch", "{}", cancellationToken);

    /// <summary>The campaign's funnel <c>counts</c>.</summary>
    public async Task<JsonElement> FunnelCountsAsync(long campaignId, CancellationToken cancellationToken) =>
        (await GetJsonAsync($"/api/campaigns/{campaignId}/funnel", cancellationToken)).GetProperty("counts");

    /// <summary>
    /// POSTs a receipt batch signed the Standard Webhooks way with the shared secret; returns <c>{ applied, duplicate, unknown }</c>
    /// and the client-measured time (signing included).
    /// </summary>
    /// <exception cref="HttpRequestException">The answer was not 2xx.</exception>
    public async Task<(JsonElement Body, TimeSpan Elapsed)> PostReceiptsAsync(byte[] body, string webhookId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/receipts") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        request.Headers.TryAddWithoutValidation(StandardWebhook.IdHeader, webhookId);
        request.Headers.TryAddWithoutValidation(StandardWebhook.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(StandardWebhook.SignatureHeader, _signer.Sign(webhookId, timestamp, body));
        using var response = await _http.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return (Parse(response, "/api/webhooks/receipts", answer), elapsed);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static JsonElement Parse(HttpResponseMessage response, string path, byte[] body)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = Encoding.UTF8.GetString(body);
            throw new HttpRequestException(
                $"{path} answered {(int)response.StatusCode}: {(text.Length > 400 ? text[..400] + "…" : text)}", null, response.StatusCode);
        }

        if (body.Length == 0)
        {
            return default;
        }

        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }
}
