using System.Globalization;

namespace Reach.Crm.Segmentation.Dsl;

/// <summary>
/// The one-line human description of a definition, e.g. <c>last order more than 60 days ago AND bought lipstick</c>.
/// </summary>
public static class SegmentDescriber
{
    /// <summary>Describes <paramref name="filter"/>; an empty root reads "all customers".</summary>
    public static string Describe(FilterGroup filter)
    {
        var text = Group(filter, root: true);
        return text.Length == 0 ? "all customers" : text;
    }

    private static string Group(FilterGroup g, bool root)
    {
        if (g.Conditions.Count == 0)
        {
            return g.Negate ? "no customers" : "";
        }

        var parts = g.Conditions.Select(c => c switch
        {
            FilterGroup sub => Group(sub, root: false),
            FilterCondition cond => Condition(cond),
            _ => "?",
        }).ToList();
        var joined = string.Join(g.Match == GroupMatch.All ? " AND " : " OR ", parts);
        if (g.Negate)
        {
            return $"NOT ({joined})";
        }

        return root || parts.Count == 1 ? joined : $"({joined})";
    }

    private static string Condition(FilterCondition c)
    {
        var v = c.Value;
        var f = c.Field;
        return f.Kind switch
        {
            FieldKind.Text when f.Name == "tag" => c.Op switch
            {
                FilterOp.Eq => $"tagged {v.Text}",
                FilterOp.Neq => $"not tagged {v.Text}",
                FilterOp.In => $"tagged {List(v.Texts!, "or")}",
                FilterOp.NotIn => $"tagged none of {List(v.Texts!, "or")}",
                _ => $"has a tag containing '{v.Text}'",
            },
            FieldKind.Text => c.Op switch
            {
                FilterOp.Eq => $"{f.Label} is {v.Text}",
                FilterOp.Neq => $"{f.Label} is not {v.Text}",
                FilterOp.In => $"{f.Label} is {List(v.Texts!, "or")}",
                FilterOp.NotIn => $"{f.Label} is not {List(v.Texts!, "or")}",
                _ => $"{f.Label} contains '{v.Text}'",
            },
            FieldKind.Days => Days(c),
            FieldKind.Number => Number(c),
            FieldKind.Bought when f.Name == "category" => c.Op switch
            {
                FilterOp.In => $"bought {List(v.Texts!, "or")}",
                FilterOp.NotIn => $"never bought {List(v.Texts!, "or")}",
                _ => $"bought a category containing '{v.Text}'",
            },
            FieldKind.Bought => c.Op switch
            {
                FilterOp.In => $"bought {List(v.Texts!, "or")}",
                FilterOp.NotIn => $"never bought {List(v.Texts!, "or")}",
                _ => $"bought a product matching '{v.Text}'",
            },
            FieldKind.Consent => $"opted in to {ChannelName(v.Text!)}",
            _ => f.Name,
        };
    }

    private static string Days(FilterCondition c)
    {
        var label = c.Field.Label;
        string D(decimal d) => d == 1 ? "1 day" : $"{N(d)} days";
        return c.Op switch
        {
            FilterOp.Gt => $"{label} more than {D(c.Value.Number!.Value)} ago",
            FilterOp.Gte => $"{label} at least {D(c.Value.Number!.Value)} ago",
            FilterOp.Lt => $"{label} within the last {D(c.Value.Number!.Value)}",
            FilterOp.Lte => $"{label} at most {D(c.Value.Number!.Value)} ago",
            _ => $"{label} between {N(c.Value.Numbers![0])} and {D(c.Value.Numbers![1])} ago",
        };
    }

    private static string Number(FilterCondition c)
    {
        var f = c.Field;
        if (f.Name == "order_count")
        {
            string O(decimal d) => d == 1 ? "1 order" : $"{N(d)} orders";
            return c.Op switch
            {
                FilterOp.Eq => $"exactly {O(c.Value.Number!.Value)}",
                FilterOp.Neq => $"not exactly {O(c.Value.Number!.Value)}",
                FilterOp.Gt => $"more than {O(c.Value.Number!.Value)}",
                FilterOp.Gte => $"at least {O(c.Value.Number!.Value)}",
                FilterOp.Lt => $"fewer than {O(c.Value.Number!.Value)}",
                FilterOp.Lte => $"at most {O(c.Value.Number!.Value)}",
                _ => $"between {N(c.Value.Numbers![0])} and {O(c.Value.Numbers![1])}",
            };
        }

        return c.Op switch
        {
            FilterOp.Eq => $"{f.Label} exactly {N(c.Value.Number!.Value)}",
            FilterOp.Neq => $"{f.Label} not {N(c.Value.Number!.Value)}",
            FilterOp.Gt => $"{f.Label} more than {N(c.Value.Number!.Value)}",
            FilterOp.Gte => $"{f.Label} at least {N(c.Value.Number!.Value)}",
            FilterOp.Lt => $"{f.Label} less than {N(c.Value.Number!.Value)}",
            FilterOp.Lte => $"{f.Label} at most {N(c.Value.Number!.Value)}",
            _ => $"{f.Label} between {N(c.Value.Numbers![0])} and {N(c.Value.Numbers![1])}",
        };
    }

    private static string List(IReadOnlyList<string> items, string conjunction) => items.Count switch
    {
        1 => items[0],
        2 => $"{items[0]} {conjunction} {items[1]}",
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} {conjunction} {items[^1]}",
    };

    private static string N(decimal d) => d.ToString(d == decimal.Truncate(d) ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    /// <summary>The display name of a channel.</summary>
    public static string ChannelName(string channel) => channel switch
    {
        "whatsapp" => "WhatsApp",
        "sms" => "SMS",
        "email" => "e-mail",
        "rcs" => "RCS",
        _ => channel,
    };
}
