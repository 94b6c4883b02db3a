using System.Globalization;
using System.Text.Json;

namespace Reach.Crm.Segmentation.Dsl;

/// <summary>
/// Parses and type-checks a filter DSL definition (ARCHITECTURE §5). Every error names the path, the value given
/// and what is allowed, e.g. <c>conditions[1].op: 'contains' is not allowed for total_spent; allowed: eq, neq, gt, gte, lt, lte, between</c>.
/// </summary>
public static class SegmentDefinitionParser
{
    /// <summary>Deepest nesting of groups (the root group is depth 1).</summary>
    public const int MaxDepth = 8;

    /// <summary>Most conditions in one definition.</summary>
    public const int MaxConditions = 200;

    /// <summary>Most values in one <c>in</c>/<c>not_in</c> list.</summary>
    public const int MaxListItems = 1000;

    /// <summary>Longest text value, in characters.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Largest magnitude of a number value.</summary>
    public const decimal MaxNumber = 1_000_000_000m;

    /// <summary>Largest days value (100 years).</summary>
    public const int MaxDays = 36_500;

    private static readonly string[] GroupProperties = ["match", "conditions", "negate"];
    private static readonly string[] ConditionProperties = ["field", "op", "value"];

    /// <summary>Parses <paramref name="definition"/>.</summary>
    /// <exception cref="SegmentDefinitionException">The definition is invalid; <see cref="SegmentDefinitionException.Errors"/> lists every problem.</exception>
    public static FilterGroup Parse(JsonElement definition)
    {
        var context = new Context();
        var root = ParseGroup(definition, "", 1, context, isRoot: true);
        if (context.Errors.Count > 0 || root is null)
        {
            throw new SegmentDefinitionException(context.Errors.Count > 0 ? context.Errors : [new("(root)", "the definition is not valid")]);
        }

        return root;
    }

    /// <summary>Parses JSON text.</summary>
    /// <exception cref="SegmentDefinitionException">The text is not JSON, or the definition is invalid.</exception>
    public static FilterGroup Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth * 2 + 4 });
        }
        catch (JsonException e)
        {
            throw new SegmentDefinitionException([new("(root)", $"not valid JSON: {e.Message}")]);
        }

        using (doc)
        {
            return Parse(doc.RootElement);
        }
    }

    private sealed class Context
    {
        public List<SegmentValidationError> Errors { get; } = [];
        public int Conditions { get; set; }
        public void Fail(string path, string message) => Errors.Add(new(path.Length == 0 ? "(root)" : path, message));
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static FilterGroup? ParseGroup(JsonElement e, string path, int depth, Context cx, bool isRoot = false)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            cx.Fail(path, $"expected a group object {{ \"match\": \"all\"|\"any\", \"conditions\": [...] }}, got {Describe(e)}");
            return null;
        }

        if (depth > MaxDepth)
        {
            cx.Fail(path, $"groups are nested deeper than {MaxDepth} levels; flatten the definition");
            return null;
        }

        CheckProperties(e, path, GroupProperties, "a group", cx);
        var match = GroupMatch.All;
        if (e.TryGetProperty("match", out var m))
        {
            match = m.ValueKind == JsonValueKind.String ? m.GetString() switch
            {
                "all" => GroupMatch.All,
                "any" => GroupMatch.Any,
                _ => Fail(GroupMatch.All, Join(path, "match"), $"'{m.GetString()}' is not allowed; allowed: all, any", cx),
            } : Fail(GroupMatch.All, Join(path, "match"), $"expected \"all\" or \"any\", got {Describe(m)}", cx);
        }

        var negate = false;
        if (e.TryGetProperty("negate", out var n))
        {
            negate = n.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => Fail(false, Join(path, "negate"), $"expected true or false, got {Describe(n)}", cx),
            };
        }

        var conditionsPath = Join(path, "conditions");
        if (!e.TryGetProperty("conditions", out var list))
        {
            cx.Fail(conditionsPath, "is missing; a group needs a list of conditions");
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            cx.Fail(conditionsPath, $"expected a list of conditions, got {Describe(list)}");
            return null;
        }

        if (list.GetArrayLength() == 0 && !isRoot)
        {
            cx.Fail(conditionsPath, "is empty; a nested group needs at least one condition");
        }

        var items = new List<SegmentFilter>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = $"{conditionsPath}[{i++}]";
            var isGroup = item.ValueKind == JsonValueKind.Object && (item.TryGetProperty("conditions", out _) || item.TryGetProperty("match", out _));
            var parsed = isGroup ? ParseGroup(item, itemPath, depth + 1, cx) : (SegmentFilter?)ParseCondition(item, itemPath, cx);
            if (cx.Errors.Count > 50)
            {
                return null; // enough to act on
            }

            if (parsed is not null)
            {
                items.Add(parsed);
            }
        }

        return new FilterGroup(match, negate, items);
    }

    private static FilterCondition? ParseCondition(JsonElement e, string path, Context cx)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            cx.Fail(path, $"expected a condition {{ \"field\", \"op\", \"value\" }} or a group, got {Describe(e)}");
            return null;
        }

        if (++cx.Conditions > MaxConditions)
        {
            if (cx.Conditions == MaxConditions + 1)
            {
                cx.Fail(path, $"a definition may hold at most {MaxConditions} conditions");
            }

            return null;
        }

        CheckProperties(e, path, ConditionProperties, "a condition", cx);
        if (!e.TryGetProperty("field", out var f) || f.ValueKind != JsonValueKind.String)
        {
            cx.Fail(Join(path, "field"), $"{(f.ValueKind == JsonValueKind.Undefined ? "is missing" : $"expected a field name, got {Describe(f)}")}; allowed: {string.Join(", ", SegmentFields.All.Keys)}");
            return null;
        }

        var fieldName = f.GetString()!;
        if (!SegmentFields.All.TryGetValue(fieldName, out var field))
        {
            cx.Fail(Join(path, "field"), $"'{Clip(fieldName)}' is not a field; allowed: {string.Join(", ", SegmentFields.All.Keys)}");
            return null;
        }

        var allowed = string.Join(", ", field.Ops.Select(SegmentFields.Name));
        if (!e.TryGetProperty("op", out var o) || o.ValueKind != JsonValueKind.String)
        {
            cx.Fail(Join(path, "op"), $"{(o.ValueKind == JsonValueKind.Undefined ? "is missing" : $"expected an operator, got {Describe(o)}")}; allowed for {field.Name}: {allowed}");
            return null;
        }

        var op = SegmentFields.ParseOp(o.GetString()!);
        if (op is null || !field.Ops.Contains(op.Value))
        {
            cx.Fail(Join(path, "op"), $"'{Clip(o.GetString()!)}' is not allowed for {field.Name}; allowed: {allowed}");
            return null;
        }

        var valuePath = Join(path, "value");
        if (!e.TryGetProperty("value", out var v))
        {
            cx.Fail(valuePath, "is missing");
            return null;
        }

        var value = ParseValue(field, op.Value, v, valuePath, cx);
        return value is null ? null : new FilterCondition(field, op.Value, value);
    }

    private static FilterValue? ParseValue(SegmentField field, FilterOp op, JsonElement v, string path, Context cx)
    {
        switch (op)
        {
            case FilterOp.In or FilterOp.NotIn:
            {
                if (v.ValueKind != JsonValueKind.Array)
                {
                    cx.Fail(path, $"{SegmentFields.Name(op)} takes a non-empty list of text, got {Describe(v)}");
                    return null;
                }

                var n = v.GetArrayLength();
                if (n == 0 || n > MaxListItems)
                {
                    cx.Fail(path, n == 0 ? $"{SegmentFields.Name(op)} takes a non-empty list; the list is empty" : $"the list has {n} items; at most {MaxListItems} are allowed");
                    return null;
                }

                var texts = new List<string>(n);
                var j = 0;
                foreach (var item in v.EnumerateArray())
                {
                    if (Text(field, item, $"{path}[{j++}]", cx) is { } t)
                    {
                        texts.Add(t);
                    }
                }

                return texts.Count == n ? new FilterValue(Texts: texts) : null;
            }

            case FilterOp.Between:
            {
                if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2)
                {
                    cx.Fail(path, $"between takes [low, high] (both inclusive), got {Describe(v)}");
                    return null;
                }

                var low = Number(field, v[0], $"{path}[0]", cx);
                var high = Number(field, v[1], $"{path}[1]", cx);
                if (low is null || high is null)
                {
                    return null;
                }

                if (low > high)
                {
                    cx.Fail(path, $"low {low} is greater than high {high}; between takes [low, high]");
                    return null;
                }

                return new FilterValue(Numbers: [low.Value, high.Value]);
            }
        }

        switch (field.Kind)
        {
            case FieldKind.Days or FieldKind.Number:
                return Number(field, v, path, cx) is { } d ? new FilterValue(Number: d) : null;
            case FieldKind.Consent:
            {
                var channel = v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim().ToLowerInvariant() : null;
                if (channel is null || !SegmentFields.Channels.Contains(channel))
                {
                    cx.Fail(path, $"{(channel is null ? Describe(v) : $"'{Clip(channel)}'")} is not a channel; allowed: {string.Join(", ", SegmentFields.Channels)}");
                    return null;
                }

                return new FilterValue(Text: channel);
            }

            default:
                return Text(field, v, path, cx) is { } s ? new FilterValue(Text: s) : null;
        }
    }

    private static string? Text(SegmentField field, JsonElement v, string path, Context cx)
    {
        if (v.ValueKind != JsonValueKind.String)
        {
            cx.Fail(path, $"{field.Name} takes text, got {Describe(v)}");
            return null;
        }

        var s = v.GetString()!.Trim();
        if (s.Length == 0 || s.Length > MaxTextLength)
        {
            cx.Fail(path, s.Length == 0 ? "is empty; give some text" : $"is {s.Length} characters long; at most {MaxTextLength} are allowed");
            return null;
        }

        return s;
    }

    private static decimal? Number(SegmentField field, JsonElement v, string path, Context cx)
    {
        if (field.Kind is not (FieldKind.Days or FieldKind.Number))
        {
            cx.Fail(path, $"{field.Name} takes text, got {Describe(v)}");
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d))
        {
            cx.Fail(path, $"{field.Name} takes a {(field.IntegerOnly ? "whole number" : "number")}, got {Describe(v)}");
            return null;
        }

        if (field.IntegerOnly && d != decimal.Truncate(d))
        {
            cx.Fail(path, $"{field.Name} takes a whole number, got {d.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        if (field.Kind == FieldKind.Days && d is < 0 or > MaxDays)
        {
            cx.Fail(path, $"{d.ToString(CultureInfo.InvariantCulture)} days is out of range; allowed: 0 to {MaxDays}");
            return null;
        }

        if (Math.Abs(d) > MaxNumber || (field.Name == "order_count" && d < 0))
        {
            cx.Fail(path, $"{d.ToString(CultureInfo.InvariantCulture)} is out of range for {field.Name}");
            return null;
        }

        return d;
    }

    private static void CheckProperties(JsonElement e, string path, string[] allowed, string what, Context cx)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (!allowed.Contains(p.Name))
            {
                cx.Fail(Join(path, p.Name), $"unknown property of {what}; allowed: {string.Join(", ", allowed)}");
            }
        }
    }

    private static T Fail<T>(T fallback, string path, string message, Context cx)
    {
        cx.Fail(path, message);
        return fallback;
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"'{Clip(e.GetString()!)}' (text)",
        JsonValueKind.Number => $"{e.GetRawText()} (a number)",
        JsonValueKind.True or JsonValueKind.False => $"{e.GetRawText()} (a boolean)",
        JsonValueKind.Array => $"a list of {e.GetArrayLength()}",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Clip(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
