namespace Reach.Web.Segments;

/// <summary>How a field's value is edited.</summary>
public enum FieldKind
{
    /// <summary>Free text (one value, or a list for in / not in).</summary>
    Text,

    /// <summary>Whole days before today.</summary>
    Days,

    /// <summary>A number.</summary>
    Number,

    /// <summary>Categories or products bought (a list, or a part of a name).</summary>
    Bought,

    /// <summary>A channel the customer opted in to.</summary>
    Consent,
}

/// <summary>A DSL field: its name, label, kind and allowed operators.</summary>
public sealed record SegmentFieldInfo(string Name, string Label, FieldKind Kind, IReadOnlyList<string> Ops);

/// <summary>The segment DSL's fields (ARCHITECTURE §5), mirrored for the builder.</summary>
public static class SegmentFieldCatalog
{
    private static readonly string[] TextOps = ["eq", "neq", "in", "not_in", "contains"];
    private static readonly string[] DayOps = ["gt", "gte", "lt", "lte", "between"];
    private static readonly string[] NumberOps = ["eq", "neq", "gt", "gte", "lt", "lte", "between"];
    private static readonly string[] BoughtOps = ["in", "not_in", "contains"];

    /// <summary>Every field in display order.</summary>
    public static readonly IReadOnlyList<SegmentFieldInfo> All =
    [
        new("city", "City", FieldKind.Text, TextOps),
        new("country", "Country", FieldKind.Text, TextOps),
        new("gender", "Gender", FieldKind.Text, TextOps),
        new("tag", "Tag", FieldKind.Text, TextOps),
        new("last_order_days_ago", "Days since last order", FieldKind.Days, DayOps),
        new("first_order_days_ago", "Days since first order", FieldKind.Days, DayOps),
        new("signup_days_ago", "Days since sign-up", FieldKind.Days, DayOps),
        new("last_contacted_days_ago", "Days since last contacted", FieldKind.Days, DayOps),
        new("order_count", "Number of orders", FieldKind.Number, NumberOps),
        new("total_spent", "Total spent", FieldKind.Number, NumberOps),
        new("avg_order_value", "Average order value", FieldKind.Number, NumberOps),
        new("category", "Bought category", FieldKind.Bought, BoughtOps),
        new("product", "Bought product", FieldKind.Bought, BoughtOps),
        new("consent", "Opted in to", FieldKind.Consent, ["eq"]),
    ];

    /// <summary>Channels for consent.</summary>
    public static readonly IReadOnlyList<string> Channels = ["whatsapp", "sms", "email", "rcs"];

    /// <summary>The field named <paramref name="name"/> (city when unknown).</summary>
    public static SegmentFieldInfo Get(string name) => All.FirstOrDefault(f => f.Name == name) ?? All[0];

    /// <summary>An operator for people.</summary>
    public static string OpLabel(string op) => op switch
    {
        "eq" => "is",
        "neq" => "is not",
        "in" => "is one of",
        "not_in" => "is none of",
        "contains" => "contains",
        "gt" => "more than",
        "gte" => "at least",
        "lt" => "less than",
        "lte" => "at most",
        "between" => "between",
        _ => op,
    };
}
