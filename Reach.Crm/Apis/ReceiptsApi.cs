using Microsoft.AspNetCore.Http.HttpResults;
using Reach.Crm.Receipts;
using Reach.Crm.Security;
using Reach.ServiceDefaults.Webhooks;

namespace Reach.Crm.Apis;

/// <summary>
/// <c>POST /api/webhooks/receipts</c>: the channel's signed receipt batches (ARCHITECTURE §7–8). 401 for a missing or
/// wrong signature or a timestamp more than 5 minutes off, 400 for a malformed body (with what was wrong) — both
/// change nothing; otherwise 200 <c>{ applied, duplicate, unknown }</c>, also for duplicates.
/// </summary>
public static class ReceiptsApi
{
    /// <summary>Largest receipt batch body: 16 MiB.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>Maps the webhook.</summary>
    public static IEndpointRouteBuilder MapReceiptsApi(this IEndpointRouteBuilder app)
    {
        // No user: the Standard Webhooks signature is the authentication.
        app.MapPost("/api/webhooks/receipts", Receive).WithTags("Receipts").AllowAnonymous().WithMetadata(new BodySizeLimit(MaxBodyBytes));
        return app;
    }

    /// <summary>Verifies, parses and applies one batch.</summary>
    public static async Task<Results<Ok<ReceiptBatchResult>, ProblemHttpResult>> Receive(
        HttpRequest request, StandardWebhook signer, ReceiptIngestService receipts, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return TypedResults.Problem($"the batch is larger than {MaxBodyBytes:N0} bytes", statusCode: 400, title: "Body too large");
        }

        // Sized from Content-Length up to 1 MiB (a 1,000-event batch is ~200 KB): the header alone, unsigned, doesn't get to
        // reserve the 16 MiB a body may hold.
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)Math.Min(length, 1 << 20) : 0);
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBodyBytes)
        {
            return TypedResults.Problem($"the batch is larger than {MaxBodyBytes:N0} bytes", statusCode: 400, title: "Body too large");
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var why = signer.Verify(request.Headers[StandardWebhook.IdHeader], request.Headers[StandardWebhook.TimestampHeader],
            request.Headers[StandardWebhook.SignatureHeader], body.Span, time.GetUtcNow());
        if (why is not null)
        {
            logs.CreateLogger("Reach.Crm.Receipts").LogWarning("Refused a receipt batch: {Reason}", why);
            return TypedResults.Problem(why, statusCode: 401, title: "Invalid signature");
        }

        var (events, error) = ReceiptBatchParser.Parse(body.Span);
        if (events is null)
        {
            return TypedResults.Problem(error, statusCode: 400, title: "Malformed receipt batch");
        }

        return TypedResults.Ok(await receipts.ApplyAsync(events, ct));
    }
}
