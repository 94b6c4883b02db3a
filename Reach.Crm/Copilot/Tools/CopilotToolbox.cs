using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Reach.Crm.Campaigns;
using Reach.Crm.Campaigns.Funnel;
using Reach.Crm.Security;
using Reach.Crm.Segmentation;
using Reach.Crm.Segmentation.Dsl;

namespace Reach.Crm.Copilot.Tools;

/// <summary>
/// The copilot's four tools (ARCHITECTURE §9), exactly: <c>preview_audience</c>, <c>create_segment</c>,
/// <c>stage_campaign</c>, <c>get_campaign_performance</c>. None can launch, approve, delete or send: only a person
/// launches. Errors go back to the model as data (<c>{ "error": …, "errors": [...] }</c>) so it can correct itself.
/// Results are data, never instructions (customer names can contain anything). The tools act as <c>actor</c> with
/// <c>rights</c> (the user's role, capped at <c>marketer</c> by the caller): below <c>marketer</c>, saving a segment or
/// staging a campaign is refused as a tool error.
/// </summary>
public sealed class CopilotToolbox(AudienceService audiences, SegmentService segments, CampaignService campaigns, FunnelService funnels, string actor, string rights)
{
    /// <summary>The tool names.</summary>
    public static readonly IReadOnlyList<string> Names = ["preview_audience", "create_segment", "stage_campaign", "get_campaign_performance"];

    private const string FilterSchema = """
        {"type":"object","description":"Reach filter DSL: {\"match\":\"all\"|\"any\",\"negate\"?:bool,\"conditions\":[ {\"field\",\"op\",\"value\"} or nested groups ]}. Fields (type: ops): city, country, gender, tag (text: eq, neq, in, not_in, contains); signup_days_ago, first_order_days_ago, last_order_days_ago, last_contacted_days_ago (whole days before today: gt, gte, lt, lte, between); order_count, total_spent, avg_order_value (numbers: eq, neq, gt, gte, lt, lte, between); category, product (bought at least once: in, not_in, contains); consent (opted in: eq whatsapp|sms|email|rcs). in/not_in take a non-empty list, between takes [low, high]. 'haven't ordered in 60 days' = last_order_days_ago gt 60; 'in the last 14 days' = lt 14.","properties":{"match":{"type":"string","enum":["all","any"]},"negate":{"type":"boolean"},"conditions":{"type":"array","items":{"type":"object"}}},"required":["match","conditions"]}
        """;

    /// <summary>The tools, bound to this user's rights.</summary>
    public IReadOnlyList<AIFunction> Tools =>
    [
        new CopilotTool("preview_audience",
            "Count the customers a filter selects, how many are reachable on each channel (consent and an address), a sample of up to 8, and a one-line description. Read-only: use it before saving a segment.",
            $$$"""{"type":"object","properties":{"filter":{{{FilterSchema}}}},"required":["filter"]}""",
            PreviewAsync),
        new CopilotTool("create_segment",
            "Save a filter as a named segment and return its id and size. Pass segment_id to revise a segment you created earlier in this conversation instead of making a new one (allowed while no launched campaign uses it).",
            $$$"""{"type":"object","properties":{"name":{"type":"string","maxLength":200},"filter":{{{FilterSchema}}},"description":{"type":"string","maxLength":2000},"segment_id":{"type":"integer","description":"optional: revise this segment"}},"required":["name","filter"]}""",
            CreateSegmentAsync),
        new CopilotTool("stage_campaign",
            "Stage a DRAFT campaign for a saved segment: channel, message with personalisation tokens {{first_name}}, {{name}}, {{city}}, {{last_item}} (each may have a fallback: {{first_name | there}}), the reason for the channel and the goal. A person must review, approve and launch it; this tool cannot. Pass campaign_id to edit a draft staged earlier in this conversation (name, channel, message, reason).",
            """{"type":"object","properties":{"segment_id":{"type":"integer"},"name":{"type":"string","maxLength":200},"channel":{"type":"string","enum":["whatsapp","sms","email","rcs"]},"message_template":{"type":"string","maxLength":4000},"channel_reason":{"type":"string","maxLength":1000},"goal":{"type":"string","maxLength":2000},"campaign_id":{"type":"integer","description":"optional: edit this draft"}},"required":["segment_id","name","channel","message_template","channel_reason","goal"]}""",
            StageCampaignAsync),
        new CopilotTool("get_campaign_performance",
            "The funnel of a campaign: status, audience, dispatched, sent, delivered, opened, read, clicked, converted, failed, rates in percent and attributed revenue.",
            """{"type":"object","properties":{"campaign_id":{"type":"integer"}},"required":["campaign_id"]}""",
            PerformanceAsync),
    ];

    private async ValueTask<object?> PreviewAsync(AIFunctionArguments args, CancellationToken ct)
    {
        if (Filter(args, out var filter) is { } error)
        {
            return error;
        }

        var preview = await audiences.PreviewAsync(filter!, ct);
        return new
        {
            count = preview.Count,
            reachable = preview.Reachable,
            description = preview.Description,
            sample = preview.Sample.Select(m => new { name = m.Name, city = m.City, country = m.Country, orders = m.OrderCount, total_spent = m.TotalSpent }),
        };
    }

    private async ValueTask<object?> CreateSegmentAsync(AIFunctionArguments args, CancellationToken ct)
    {
        if (Refused("save a segment") is { } refused)
        {
            return refused;
        }

        if (Filter(args, out _) is { } error)
        {
            return error;
        }

        var definition = ((JsonElement)args["filter"]!).Clone();
        var name = Text(args, "name");
        var description = Text(args, "description");
        try
        {
            if (Long(args, "segment_id") is { } id)
            {
                var revised = await segments.ReviseAsync(id, definition, description, actor, ct);
                return revised is null
                    ? new { error = $"segment {id} can't be revised: it doesn't exist, or a launched campaign uses it; create a new segment instead" }
                    : SegmentResult(revised);
            }

            return SegmentResult(await segments.CreateAsync(name, description, definition, "copilot", actor, ct));
        }
        catch (SegmentDefinitionException e)
        {
            return new { error = "the segment is not valid", errors = e.Errors.Select(x => x.ToString()) };
        }
    }

    private static object SegmentResult(SegmentResponse s) =>
        new { segment_id = s.Id, name = s.Name, count = s.LastCount, description = s.Summary };

    private async ValueTask<object?> StageCampaignAsync(AIFunctionArguments args, CancellationToken ct)
    {
        if (Refused("stage a campaign") is { } refused)
        {
            return refused;
        }

        try
        {
            CampaignResponse? campaign;
            if (Long(args, "campaign_id") is { } id)
            {
                campaign = await campaigns.EditDraftAsync(id, new CampaignEditRequest(Text(args, "name"), Text(args, "channel"), Text(args, "message_template"), Text(args, "channel_reason")), actor, ct);
                if (campaign is null)
                {
                    return new { error = $"campaign {id} does not exist" };
                }
            }
            else
            {
                campaign = await campaigns.CreateDraftAsync(new CampaignDraftRequest(
                    Text(args, "name"), Long(args, "segment_id"), Text(args, "channel"), Text(args, "message_template"),
                    Text(args, "goal"), Text(args, "channel_reason"), "copilot", ConversationId), actor, ct);
            }

            return new
            {
                campaign_id = campaign.Id, status = campaign.Status, name = campaign.Name, channel = campaign.Channel,
                message_template = campaign.MessageTemplate, segment_id = campaign.SegmentId, warnings = campaign.Warnings,
                next_step = "A person with the approver role reviews and launches it on the campaign page.",
            };
        }
        catch (CampaignValidationException e)
        {
            return new { error = "the campaign is not valid", errors = e.Errors.Select(x => $"{x.Key}: {x.Value}") };
        }
        catch (CampaignStateException e)
        {
            return new { error = e.Message };
        }
    }

    private async ValueTask<object?> PerformanceAsync(AIFunctionArguments args, CancellationToken ct)
    {
        if (Long(args, "campaign_id") is not { } id)
        {
            return new { error = "campaign_id is required" };
        }

        var campaign = await campaigns.GetAsync(id, ct);
        if (campaign is null)
        {
            return new { error = $"campaign {id} does not exist" };
        }

        var funnel = await funnels.SnapshotAsync(id, ct);
        return new
        {
            campaign_id = id, name = campaign.Name, status = campaign.Status, channel = campaign.Channel, audience = campaign.AudienceSize,
            counts = funnel?.Counts, rates = funnel?.Rates,
            note = funnel is null ? "not launched yet: there is no funnel until a person launches it" : null,
        };
    }

    /// <summary>A tool error when the user's rights are below <c>marketer</c>; null when allowed.</summary>
    private object? Refused(string what) => ReachRoles.AtLeast(rights, ReachRoles.Marketer) ? null : new
    {
        error = $"not allowed: {actor} has the {rights} role and may only size audiences; to {what} a marketer must ask",
    };

    /// <summary>The conversation the tools act for (recorded on staged campaigns).</summary>
    public long? ConversationId { get; set; }

    private static object? Filter(AIFunctionArguments args, out FilterGroup? filter)
    {
        filter = null;
        if (!args.TryGetValue("filter", out var raw) || raw is not JsonElement element)
        {
            return new { error = "filter is required: a Reach DSL object { match, conditions }" };
        }

        try
        {
            filter = SegmentDefinitionParser.Parse(element);
            return null;
        }
        catch (SegmentDefinitionException e)
        {
            return new { error = "the filter is not valid", errors = e.Errors.Select(x => x.ToString()) };
        }
    }

    private static string? Text(AIFunctionArguments args, string name) =>
        args.TryGetValue(name, out var v) ? v switch
        {
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null } => null,
            JsonElement e => e.GetRawText(),
            null => null,
            _ => Convert.ToString(v, CultureInfo.InvariantCulture),
        } : null;

    private static long? Long(AIFunctionArguments args, string name) =>
        args.TryGetValue(name, out var v) ? v switch
        {
            JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out var l) => l,
            JsonElement { ValueKind: JsonValueKind.String } e when long.TryParse(e.GetString(), CultureInfo.InvariantCulture, out var l) => l,
            long l => l,
            int i => i,
            _ => null,
        } : null;
}
