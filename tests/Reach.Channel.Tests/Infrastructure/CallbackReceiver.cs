using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reach.ServiceDefaults.Webhooks;

namespace Reach.Channel.Tests.Infrastructure;

/// <summary>
/// A real loopback Kestrel server standing in for the CRM's receipt webhook: records every request, verifies its
/// signature, and answers with the status <see cref="Respond"/> picks (200 by default).
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly WebApplication app;
    private readonly StandardWebhook webhook = new(ChannelFactory.Secret);
    private readonly ConcurrentQueue<ReceivedBatch> batches = new();
    private int sequence;

    private CallbackReceiver(WebApplication app) => this.app = app;

    /// <summary>Where receipts go: <c>http://127.0.0.1:{port}/receipts</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Picks the answer to request number n (from 1): a status and an optional <c>Retry-After</c> in seconds.</summary>
    public Func<int, (int Status, int? RetryAfterSeconds)> Respond { get; set; } = static _ => (200, null);

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedBatch> Batches => batches.OrderBy(static b => b.Sequence).ToList();

    /// <summary>Receipts of the requests answered 2xx.</summary>
    public IReadOnlyList<ReceivedReceipt> Acknowledged => Batches.Where(static b => b.Status is >= 200 and < 300).SelectMany(static b => b.Receipts).ToList();

    /// <summary>Starts a receiver on a free loopback port.</summary>
    public static async Task<CallbackReceiver> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new CallbackReceiver(app);
        app.MapPost("/receipts", receiver.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/receipts");
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        var error = webhook.Verify(headers[StandardWebhook.IdHeader], headers[StandardWebhook.TimestampHeader], headers[StandardWebhook.SignatureHeader], body, DateTimeOffset.UtcNow);
        var number = Interlocked.Increment(ref sequence);
        var (status, retryAfter) = Respond(number);
        var receipts = JsonSerializer.Deserialize<ReceivedReceipt[]>(body, Json) ?? [];
        batches.Enqueue(new ReceivedBatch(number, headers[StandardWebhook.IdHeader].ToString(), error, status, System.Text.Encoding.UTF8.GetString(body), receipts, DateTimeOffset.UtcNow));
        context.Response.StatusCode = status;
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync(status is >= 200 and < 300 ? $"{{\"applied\":{receipts.Length}}}" : "{\"error\":\"test\"}", context.RequestAborted);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
