using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reach.Web.Segments;

/// <summary>A node of the builder: a condition or a nested group.</summary>
public abstract class FilterNode;

/// <summary>A group: all or any of its conditions, optionally negated.</summary>
public sealed class FilterGroupModel : FilterNode
{
    /// <summary><c>all</c> or <c>any</c>.</summary>
    public string Match { get; set; } = "all";

    /// <summary>True for "none of" semantics.</summary>
    public bool Negate { get; set; }

    /// <summary>Conditions and nested groups.</summary>
    public List<FilterNode> Children { get; } = [];

    /// <summary>The DSL JSON of this group.</summary>
    public JsonElement ToJson() => JsonSerializer.SerializeToElement(ToNode());

    private JsonObject ToNode()
    {
        var conditions = new JsonArray();
        foreach (var child in Children)
        {
            conditions.Add(child switch
            {
                FilterGroupModel g => g.ToNode(),
                FilterConditionModel c => c.ToNode(),
                _ => null,
            });
        }

        var o = new JsonObject { ["match"] = Match };
        if (Negate)
        {
            o["negate"] = true;
        }

        o["conditions"] = conditions;
        return o;
    }

    /// <summary>Reads a DSL definition; unknown shapes become an empty group.</summary>
    public static FilterGroupModel FromJson(JsonElement e)
    {
        var group = new FilterGroupModel();
        if (e.ValueKind != JsonValueKind.Object)
        {
            return group;
        }

        if (e.TryGetProperty("match", out var m) && m.ValueKind == JsonValueKind.String)
        {
            group.Match = m.GetString() == "any" ? "any" : "all";
        }

        group.Negate = e.TryGetProperty("negate", out var n) && n.ValueKind == JsonValueKind.True;
        if (e.TryGetProperty("conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Array)
        {
            foreach (var c in conditions.EnumerateArray())
            {
                group.Children.Add(c.TryGetProperty("conditions", out _) ? FromJson(c) : FilterConditionModel.FromJson(c));
            }
        }

        return group;
    }
}

/// <summary>One condition: field, operator and value(s) as typed.</summary>
public sealed class FilterConditionModel : FilterNode
{
    private string _field = "city";

    /// <summary>The DSL field; changing it resets the operator to the field's first when no longer allowed.</summary>
    public string Field
    {
        get => _field;
        set
        {
            _field = value;
            var info = SegmentFieldCatalog.Get(value);
            if (!info.Ops.Contains(Op))
            {
                Op = info.Ops[0];
            }

            if (info.Kind == FieldKind.Consent && !SegmentFieldCatalog.Channels.Contains(Value))
            {
                Value = SegmentFieldCatalog.Channels[0];
            }
        }
    }

    /// <summary>The operator.</summary>
    public string Op { get; set; } = "eq";

    /// <summary>The value as typed (comma-separated for lists; the low end for between).</summary>
    public string Value { get; set; } = "";

    /// <summary>The high end for between.</summary>
    public string High { get; set; } = "";

    /// <summary>The field's description.</summary>
    public SegmentFieldInfo Info => SegmentFieldCatalog.Get(Field);

    /// <summary>True when the value is a list.</summary>
    public bool IsList => Op is "in" or "not_in";

    internal JsonObject ToNode() => new() { ["field"] = Field, ["op"] = Op, ["value"] = ValueNode() };

    private JsonNode? ValueNode()
    {
        var numeric = Info.Kind is FieldKind.Days or FieldKind.Number;
        if (Op == "between")
        {
            return new JsonArray(Scalar(Value, numeric), Scalar(High, numeric));
        }

        if (IsList)
        {
            var items = new JsonArray();
            foreach (var part in Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                items.Add(Scalar(part, numeric));
            }

            return items;
        }

        return Scalar(Value.Trim(), numeric);
    }

    private static JsonNode? Scalar(string text, bool numeric) =>
        numeric && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : JsonValue.Create(text);

    /// <summary>Reads a DSL condition.</summary>
    public static FilterConditionModel FromJson(JsonElement e)
    {
        var c = new FilterConditionModel();
        if (e.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String)
        {
            c._field = f.GetString()!;
        }

        if (e.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String)
        {
            c.Op = o.GetString()!;
        }

        if (e.TryGetProperty("value", out var v))
        {
            if (v.ValueKind == JsonValueKind.Array)
            {
                var items = v.EnumerateArray().Select(Text).ToList();
                if (c.Op == "between" && items.Count == 2)
                {
                    (c.Value, c.High) = (items[0], items[1]);
                }
                else
                {
                    c.Value = string.Join(", ", items);
                }
            }
            else
            {
                c.Value = Text(v);
            }
        }

        return c;
    }

    private static string Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() ?? "",
        JsonValueKind.Number => v.GetRawText(),
        _ => v.GetRawText(),
    };
}
