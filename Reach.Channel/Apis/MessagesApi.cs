using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Reach.ServiceDefaults.Webhooks;

namespace Reach.Channel.Apis;

/// <summary>
/// <c>POST /v1/messages:batch</c>: the CRM's send batches (ARCHITECTURE §7). The body must be signed the Standard Webhooks
/// way with <c>Reach:Channel:SigningSecret</c>; a batch is accepted whole or refused whole.
/// </summary>
public static class MessagesApi
{
    /// <summary>The route of the send endpoint (the colon is a literal character of the path).</summary>
    public const string BatchRoute = "/v1/messages:batch";

    /// <summary>Maps the send endpoint.</summary>
    public static RouteGroupBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Messages");
        group.MapPost("/messages:batch", AcceptBatch);
        return group;
    }

    /// <summary>
    /// Accepts a send batch → 202 <c>{ batch_id, accepted, duplicates }</c> (communication ids seen before are duplicates,
    /// not played again); 401 with the reason when the signature is missing, wrong or more than 5 minutes off; 400 with
    /// the reason for a body over <see cref="ChannelOptions.MaxBodyBytes"/>, malformed JSON, a missing field, an unknown
    /// channel or currency, or more than <see cref="ChannelOptions.MaxMessagesPerBatch"/> messages. Nothing of a refused
    /// batch is played.
    /// </summary>
    public static async Task<Results<Accepted<BatchAcceptedResponse>, ProblemHttpResult>> AcceptBatch(
        HttpRequest request,
        [AsParameters] MessagesServices services,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var options = services.Options.Value;

        var body = await RequestBody.ReadAsync(request, options.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem($"the body is larger than {options.MaxBodyBytes:N0} bytes; split the batch", statusCode: StatusCodes.Status400BadRequest, title: "Body too large");
        }

        var headers = request.Headers;
        var invalid = services.Webhook.Verify(headers[StandardWebhook.IdHeader], headers[StandardWebhook.TimestampHeader], headers[StandardWebhook.SignatureHeader], body, services.Time.GetUtcNow());
        if (invalid is not null)
        {
            services.Logger.LogWarning("Refused a send batch with an invalid signature: {Reason}", invalid);
            return TypedResults.Problem(invalid, statusCode: StatusCodes.Status401Unauthorized, title: "Invalid signature");
        }

        MessageBatchRequest? dto;
        try
        {
            dto = JsonSerializer.Deserialize(body, ChannelJsonContext.Default.MessageBatchRequest);
        }
        catch (JsonException e)
        {
            return Invalid($"the body is not a valid send batch: {e.Message}");
        }

        if (dto is null)
        {
            return Invalid("the body is not a valid send batch: expected an object { batch_id, campaign_id, channel, callback_url, messages }");
        }

        var batch = dto.ToMessageBatch(options, out var error);
        if (batch is null)
        {
            return Invalid(error!);
        }

        using var activity = services.Telemetry.ActivitySource.StartActivity("accept message batch");
        activity?.SetTag("reach.batch_id", batch.BatchId);
        activity?.SetTag("reach.campaign_id", batch.CampaignId);
        activity?.SetTag("reach.channel", dto.Channel);
        activity?.SetTag("reach.messages", batch.CommunicationIds.Count);
        var trace = activity?.Context ?? Activity.Current?.Context ?? default;

        var result = services.Simulator.Accept(batch, trace);
        activity?.SetTag("reach.accepted", result.Accepted);
        activity?.SetTag("reach.duplicates", result.Duplicates);
        services.Logger.LogInformation(
            "Accepted send batch {BatchId} of campaign {CampaignId} on {Channel}: {Accepted} messages, {Duplicates} duplicates",
            batch.BatchId, batch.CampaignId, dto.Channel, result.Accepted, result.Duplicates);

        return TypedResults.Accepted(
            $"/v1/ledger/{batch.CampaignId}",
            new BatchAcceptedResponse(batch.BatchId, result.Accepted, result.Duplicates));
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid send batch");
}
