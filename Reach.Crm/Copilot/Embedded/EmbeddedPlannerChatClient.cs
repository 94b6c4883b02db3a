using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Reach.Crm.Copilot.OpenAi;
using Reach.Crm.Segmentation;
using Reach.Crm.Segmentation.Dsl;

namespace Reach.Crm.Copilot.Embedded;

/// <summary>
/// The embedded planner (<c>Reach:Llm:Provider=embedded</c>, the default): an <see cref="IChatClient"/> that needs no
/// key and no network. Deterministic: it reads the goal with <see cref="GoalParser"/> against the catalogue in the
/// database and calls the tools in the order a model would — preview the audience, save the segment, stage a draft
/// with copy for the intent and a channel with its reason — then answers. Follow-ups ("make it 90 days", "only
/// Mumbai", "switch to email", "how is it doing?") edit the draft or its segment. It never reads tool results as
/// instructions: only numbers and ids are taken from them.
/// </summary>
public sealed partial class EmbeddedPlannerChatClient(CatalogueProvider catalogues) : IChatClient
{
    /// <summary>The model id reported in telemetry.</summary>
    public const string ModelId = "reach-embedded-planner";

    /// <summary>The <c>gen_ai.provider.name</c> of the embedded planner.</summary>
    public const string ProviderName = "reach.embedded";

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var activity = GenAiTelemetry.StartChat(ProviderName, ModelId);
        GenAiTelemetry.RecordRequest(activity, options);
        var context = PlannerContext.From(messages);
        var catalogue = await catalogues.GetAsync(cancellationToken);
        var message = Decide(context, catalogue);
        var finish = message.Contents.OfType<FunctionCallContent>().Any() ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop;
        var response = new ChatResponse(message) { ModelId = ModelId, FinishReason = finish, ResponseId = Guid.NewGuid().ToString("N") };
        GenAiTelemetry.RecordResponse(activity, response);
        if (GenAiTelemetry.IsContentCaptureEnabled())
        {
            GenAiTelemetry.RecordContent(activity, ProviderName, messages, response);
        }

        return response;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static ChatMessage Decide(PlannerContext cx, Catalogue catalogue)
    {
        var text = cx.UserText;
        var segment = cx.Latest("create_segment");
        var draft = cx.Latest("stage_campaign");
        var isPerformance = PerformancePattern().IsMatch(text);
        var edit = segment is not null && !isPerformance ? Edit(text, cx, catalogue) : null;
        var last = cx.ThisTurn.LastOrDefault();

        if (cx.ThisTurn.Count >= 6)
        {
            return Say("I've done what I can for this request; tell me what to change.");
        }

        // First step of the turn.
        if (last is null)
        {
            if (isPerformance)
            {
                var campaignId = PlannerContext.Long(draft?.Result, "campaign_id") ?? Number(CampaignNumberPattern().Match(text));
                return campaignId is { } id
                    ? Call("get_campaign_performance", new() { ["campaign_id"] = id })
                    : Say("Which campaign? I haven't staged one in this conversation yet — give me its number, or describe a new goal.");
            }

            if (edit is { Filter: { } changed })
            {
                return Call("preview_audience", new() { ["filter"] = changed });
            }

            if (edit is { Channel: { } channel } && draft is not null)
            {
                var preview = cx.Latest("preview_audience");
                var (ch, reason) = ChannelPicker.Pick(channel, PlannerContext.Long(preview?.Result, "count") ?? 0, Reachable(preview?.Result), Intent(cx, catalogue));
                return Call("stage_campaign", new()
                {
                    ["campaign_id"] = PlannerContext.Long(draft.Result, "campaign_id"), ["segment_id"] = PlannerContext.Long(draft.Result, "segment_id"),
                    ["name"] = PlannerContext.Text(draft.Result, "name"), ["channel"] = ch, ["channel_reason"] = reason,
                    ["message_template"] = CopyWriter.Draft(Intent(cx, catalogue), ch, Focus(GoalParser.Parse(cx.GoalText ?? text, catalogue)), GoalParser.Parse(cx.GoalText ?? text, catalogue).Offer),
                    ["goal"] = cx.GoalText ?? text,
                });
            }

            var goal = GoalParser.Parse(text, catalogue);
            if (!goal.HasAudience)
            {
                return Say(NotUnderstood(text, goal));
            }

            return Call("preview_audience", new() { ["filter"] = Filter(goal.Conditions) });
        }

        if (last.Result is not { } result)
        {
            return Say("A tool did not answer; please try again.");
        }

        if (result.TryGetProperty("error", out var error))
        {
            // A revise that isn't allowed (the segment is in use): save a new segment instead.
            if (last.Name == "create_segment" && last.Arguments.ContainsKey("segment_id"))
            {
                var args = new Dictionary<string, object?>(last.Arguments);
                args.Remove("segment_id");
                args["name"] = $"{args.GetValueOrDefault("name")} (revised)";
                return Call("create_segment", args);
            }

            var details = result.TryGetProperty("errors", out var errs) ? " " + string.Join("; ", errs.EnumerateArray().Select(e => e.GetString())) : "";
            return Say($"That didn't work: {error.GetString()}.{details}");
        }

        switch (last.Name)
        {
            case "preview_audience":
            {
                var count = PlannerContext.Long(result, "count") ?? 0;
                var description = PlannerContext.Text(result, "description") ?? "";
                if (count == 0)
                {
                    return Say($"No customers match {description}. Try a wider window, a lower threshold or another place.");
                }

                var filter = PlannerContext.Argument(last, "filter");
                if (edit is not null && segment is not null)
                {
                    return Call("create_segment", new()
                    {
                        ["segment_id"] = PlannerContext.Long(segment.Result, "segment_id"),
                        ["name"] = PlannerContext.Text(segment.Result, "name"), ["filter"] = filter, ["description"] = description,
                    });
                }

                return Call("create_segment", new() { ["name"] = SegmentName(text), ["filter"] = filter, ["description"] = description });
            }

            case "create_segment":
            {
                var preview = cx.Latest("preview_audience", thisTurnOnly: true);
                var count = PlannerContext.Long(preview?.Result, "count") ?? PlannerContext.Long(result, "count") ?? 0;
                var goalText = edit is not null ? cx.GoalText ?? text : text;
                var goal = GoalParser.Parse(goalText, catalogue);
                var wish = edit?.Channel ?? (edit is not null && draft is not null ? PlannerContext.Text(draft.Result, "channel") : goal.Channel);
                var (channel, reason) = ChannelPicker.Pick(wish, count, Reachable(preview?.Result), goal.Intent);
                if (edit is not null && draft is not null && PlannerContext.Long(draft.Result, "segment_id") == PlannerContext.Long(result, "segment_id"))
                {
                    return Call("stage_campaign", new()
                    {
                        ["campaign_id"] = PlannerContext.Long(draft.Result, "campaign_id"), ["segment_id"] = PlannerContext.Long(result, "segment_id"),
                        ["name"] = PlannerContext.Text(draft.Result, "name"), ["channel"] = channel, ["channel_reason"] = reason,
                        ["message_template"] = wish == PlannerContext.Text(draft.Result, "channel") ? PlannerContext.Text(draft.Result, "message_template") : CopyWriter.Draft(goal.Intent, channel, Focus(goal), goal.Offer),
                        ["goal"] = goalText,
                    });
                }

                return Call("stage_campaign", new()
                {
                    ["segment_id"] = PlannerContext.Long(result, "segment_id"),
                    ["name"] = CampaignName(goal.Intent, goalText),
                    ["channel"] = channel,
                    ["message_template"] = CopyWriter.Draft(goal.Intent, channel, Focus(goal), goal.Offer),
                    ["channel_reason"] = reason,
                    ["goal"] = goalText,
                });
            }

            case "stage_campaign":
            {
                var preview = cx.Latest("preview_audience");
                var seg = cx.Latest("create_segment");
                var warnings = result.TryGetProperty("warnings", out var w) && w.GetArrayLength() > 0
                    ? " Note: " + string.Join(" ", w.EnumerateArray().Select(x => x.GetString())) : "";
                var channel = SegmentDescriber.ChannelName(PlannerContext.Text(result, "channel") ?? "");
                var reason = PlannerContext.Argument(last, "channel_reason") is { ValueKind: JsonValueKind.String } re ? re.GetString() : null;
                var intro = edit is not null
                    ? $"Updated draft #{PlannerContext.Long(result, "campaign_id")}."
                    : $"I found {PlannerContext.Long(preview?.Result, "count") ?? 0:N0} customers — {PlannerContext.Text(preview?.Result, "description")}. I saved them as the segment “{PlannerContext.Text(seg?.Result, "name")}” (#{PlannerContext.Long(seg?.Result, "segment_id")}).";
                return Say(string.Create(CultureInfo.InvariantCulture,
                    $"{intro} The {channel} draft “{PlannerContext.Text(result, "name")}” (#{PlannerContext.Long(result, "campaign_id")}) says: “{PlannerContext.Text(result, "message_template")}”. Why {channel}: {reason}{warnings} It is a draft: review and approve it on the campaign page to launch it."));
            }

            case "get_campaign_performance":
            {
                if (PlannerContext.Text(result, "note") is { } note)
                {
                    return Say($"Campaign #{PlannerContext.Long(result, "campaign_id")} “{PlannerContext.Text(result, "name")}” is {PlannerContext.Text(result, "status")}: {note}.");
                }

                var counts = result.GetProperty("counts");
                var rates = result.GetProperty("rates");
                long C(string n) => counts.GetProperty(n).GetInt64();
                return Say(string.Create(CultureInfo.InvariantCulture,
                    $"Campaign #{PlannerContext.Long(result, "campaign_id")} “{PlannerContext.Text(result, "name")}” is {PlannerContext.Text(result, "status")}: {C("dispatched"):N0} of {C("queued"):N0} dispatched, {C("delivered"):N0} delivered ({rates.GetProperty("delivery").GetDouble()}%), {C("opened"):N0} opened, {C("clicked"):N0} clicked, {C("converted"):N0} converted, {C("failed"):N0} failed. Attributed revenue: {counts.GetProperty("currency").GetString()} {counts.GetProperty("revenue").GetDecimal():N2}."));
            }

            default:
                return Say("Done.");
        }
    }

    /// <summary>A follow-up's change: a new filter and/or a channel.</summary>
    private sealed record FollowUp(JsonObject? Filter, string? Channel);

    private static FollowUp? Edit(string text, PlannerContext cx, Catalogue catalogue)
    {
        var t = " " + GoalParser.Normalise(text) + " ";
        var switchTo = SwitchChannelPattern().Match(t);
        var channel = switchTo.Success ? GoalParser.ChannelName(switchTo.Groups["ch"].Value) : null;
        var cue = EditCuePattern().IsMatch(t) || switchTo.Success;
        var parsed = GoalParser.Parse(switchTo.Success ? t.Remove(switchTo.Index, switchTo.Length) : t, catalogue);
        if (!cue && parsed.Conditions.Count >= 2)
        {
            return null; // a new goal, not an edit
        }

        if (!cue && parsed.Conditions.Count == 0)
        {
            return null;
        }

        var old = cx.Latest("create_segment") is { } seg ? PlannerContext.Argument(seg, "filter") : null;
        if (old is null)
        {
            return channel is null ? null : new FollowUp(null, channel);
        }

        var filter = JsonNode.Parse(old.Value.GetRawText())!.AsObject();
        var conditions = filter["conditions"]!.AsArray();
        var changed = false;

        // "make it 90 days", "3 months instead": a new window for the audience's recency condition.
        if (DaysOnlyPattern().Match(t) is { Success: true } days && parsed.Conditions.All(c => c.Field.EndsWith("_days_ago", StringComparison.Ordinal)))
        {
            var n = (int)Math.Round((double)GoalParser.Number(days.Groups["n"].Value) * UnitDays(days.Groups["unit"].Value));
            var target = conditions.OfType<JsonObject>().FirstOrDefault(c => (string?)c["field"] == "last_order_days_ago")
                ?? conditions.OfType<JsonObject>().FirstOrDefault(c => ((string?)c["field"])?.EndsWith("_days_ago", StringComparison.Ordinal) == true);
            if (target is not null)
            {
                target["value"] = n;
                return new FollowUp(filter, channel);
            }
        }

        foreach (var condition in parsed.Conditions)
        {
            var negative = condition.Op is "neq" or "not_in";
            foreach (var existing in conditions.OfType<JsonObject>().Where(c => (string?)c["field"] == condition.Field &&
                         ((string?)c["op"] is "neq" or "not_in") == negative).ToList())
            {
                conditions.Remove(existing);
            }

            conditions.Add(JsonSerializer.SerializeToNode(new { field = condition.Field, op = condition.Op, value = condition.Value }));
            changed = true;
        }

        return changed || channel is not null ? new FollowUp(changed ? filter : null, channel) : null;
    }

    private static string Intent(PlannerContext cx, Catalogue catalogue) => GoalParser.Parse(cx.GoalText ?? cx.UserText, catalogue).Intent;

    private static ReachableCounts Reachable(JsonElement? preview)
    {
        if (preview is not { } p || !p.TryGetProperty("reachable", out var r))
        {
            return new ReachableCounts(0, 0, 0, 0);
        }

        long Get(string name) => r.TryGetProperty(name, out var v) ? v.GetInt64() : r.TryGetProperty(char.ToUpperInvariant(name[0]) + name[1..], out var u) ? u.GetInt64() : 0;
        return new ReachableCounts(Get("whatsapp"), Get("sms"), Get("email"), Get("rcs"));
    }

    private static string? Focus(ParsedGoal goal)
    {
        var bought = goal.Conditions.LastOrDefault(c => c.Field is "category" or "product" && c.Op is "in" or "contains");
        return bought?.Value switch
        {
            string s => s,
            string[] list => string.Join(" and ", list),
            _ => null,
        };
    }

    private static JsonObject Filter(IEnumerable<GoalCondition> conditions) => new()
    {
        ["match"] = "all",
        ["conditions"] = new JsonArray(conditions.Select(c => JsonSerializer.SerializeToNode(new { field = c.Field, op = c.Op, value = c.Value })).ToArray()),
    };

    private static string SegmentName(string goal)
    {
        var name = goal.Trim().TrimEnd('.', '!', '?');
        name = char.ToUpperInvariant(name[0]) + name[1..];
        return name.Length <= 80 ? name : name[..77] + "…";
    }

    private static string CampaignName(string intent, string goal)
    {
        var title = intent switch
        {
            "win-back" => "Win-back", "reward" => "Thank-you", "welcome" => "Welcome", "cross-sell" => "Cross-sell", "re-engage" => "Re-engage", _ => "Announcement",
        };
        var name = $"{title}: {SegmentName(goal)}";
        return name.Length <= 120 ? name : name[..117] + "…";
    }

    private static string NotUnderstood(string text, ParsedGoal goal)
    {
        var understood = goal.Channel is null ? "no audience" : $"a wish for {SegmentDescriber.ChannelName(goal.Channel)} but no audience";
        return $"I understood {understood} in “{(text.Length > 120 ? text[..117] + "…" : text)}”. Who should I target? For example: " +
               "“win back customers who bought lipstick but haven't ordered in 60 days”, “customers in Mumbai who spent more than 5000”, " +
               "“one-time buyers from Spain”, or “everyone who ordered in the last 14 days”.";
    }

    private static long? Number(Match m) => m.Success ? long.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture) : null;

    private static double UnitDays(string unit) =>
        unit.StartsWith("week", StringComparison.Ordinal) ? 7 : unit.StartsWith("month", StringComparison.Ordinal) ? 30 : unit.StartsWith("year", StringComparison.Ordinal) ? 365 : 1;

    private static ChatMessage Say(string text) => new(ChatRole.Assistant, text);

    private static ChatMessage Call(string tool, Dictionary<string, object?> arguments) =>
        new(ChatRole.Assistant, [new FunctionCallContent("call_" + Guid.NewGuid().ToString("N")[..12], tool, arguments.ToDictionary(kv => kv.Key, kv => kv.Value switch
        {
            JsonNode n => (object?)JsonSerializer.SerializeToElement(n),
            _ => kv.Value,
        }))]);

    [GeneratedRegex(@"\b(how (is|are|'s|did|was|has) (it|they|that|this|the campaign|campaign \#?\d+)|how'?s it (doing|going)|performance|results?|stats|funnel|conversions?|revenue)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PerformancePattern();

    [GeneratedRegex(@"(?:campaign\s*#?|#)(?<id>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex CampaignNumberPattern();

    [GeneratedRegex(@"\b(?:switch|change|move)\s+(?:it\s+|the channel\s+|channel\s+)?to\s+(?<ch>whatsapp|sms|text|e-?mail|rcs)\b|\buse\s+(?<ch>whatsapp|sms|text|e-?mail|rcs)\b|\b(?:by|via|over|on)\s+(?<ch>whatsapp|sms|text|e-?mail|rcs)\s+instead\b|\bsend\s+it\s+(?:by|via|over|as an?)\s+(?<ch>whatsapp|sms|text|e-?mail|rcs)\b")]
    private static partial Regex SwitchChannelPattern();

    [GeneratedRegex(@"^\s*(?:make it|change (?:it )?to|only|just|exclude|except|excluding|without|also|instead|add|remove|but|and also|narrow|widen|limit (?:it )?to|restrict (?:it )?to)\b|\binstead\b|\bonly\b")]
    private static partial Regex EditCuePattern();

    [GeneratedRegex(@"(?<n>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*(?<unit>days?|weeks?|months?|years?)\b")]
    private static partial Regex DaysOnlyPattern();
}
