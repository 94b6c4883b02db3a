using System.Text.Json;
using Reach.Crm.Campaigns;
using Reach.Crm.Segmentation;

namespace Reach.Crm.Copilot;

/// <summary>One tool call the copilot made in a turn, with its arguments and result (data, as the tool returned it).</summary>
public sealed record CopilotAction(string Tool, JsonElement Arguments, JsonElement Result, double ElapsedMs);

/// <summary>
/// The answer to one user turn.
/// </summary>
/// <param name="Reply">The copilot's text.</param>
/// <param name="Actions">Tool calls in order.</param>
/// <param name="StagedCampaign">The draft staged or edited in this turn, if any.</param>
/// <param name="Segment">The segment saved or revised in this turn, if any.</param>
/// <param name="ModelCalls">Model calls the turn used (at most 8).</param>
public sealed record CopilotReply(
    long ConversationId,
    string Reply,
    IReadOnlyList<CopilotAction> Actions,
    CampaignResponse? StagedCampaign,
    SegmentResponse? Segment,
    int ModelCalls);

/// <summary>A conversation in a list.</summary>
public sealed record ConversationSummary(long Id, string? Title, string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A stored step of a conversation.</summary>
public sealed record ConversationMessage(int Sequence, string Role, string? Content, string? ToolName, string? ToolCallId, JsonElement? Arguments, JsonElement? Result, DateTimeOffset CreatedAt);

/// <summary>A whole conversation, to resume it.</summary>
public sealed record ConversationResponse(long Id, string? Title, string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<ConversationMessage> Messages);
