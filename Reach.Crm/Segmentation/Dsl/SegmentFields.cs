namespace Reach.Crm.Segmentation.Dsl;

/// <summary>The DSL's closed field list (ARCHITECTURE §5) with each field's type and operators.</summary>
public static class SegmentFields
{
    private static readonly FilterOp[] TextOps = [FilterOp.Eq, FilterOp.Neq, FilterOp.In, FilterOp.NotIn, FilterOp.Contains];
    private static readonly FilterOp[] DayOps = [FilterOp.Gt, FilterOp.Gte, FilterOp.Lt, FilterOp.Lte, FilterOp.Between];
    private static readonly FilterOp[] NumberOps = [FilterOp.Eq, FilterOp.Neq, FilterOp.Gt, FilterOp.Gte, FilterOp.Lt, FilterOp.Lte, FilterOp.Between];
    private static readonly FilterOp[] BoughtOps = [FilterOp.In, FilterOp.NotIn, FilterOp.Contains];

    /// <summary>Every field, by DSL name.</summary>
    public static readonly IReadOnlyDictionary<string, SegmentField> All = new[]
    {
        new SegmentField("city", FieldKind.Text, TextOps, "city"),
        new SegmentField("country", FieldKind.Text, TextOps, "country"),
        new SegmentField("gender", FieldKind.Text, TextOps, "gender"),
        new SegmentField("tag", FieldKind.Text, TextOps, "tag"),
        new SegmentField("signup_days_ago", FieldKind.Days, DayOps, "signed up", IntegerOnly: true),
        new SegmentField("first_order_days_ago", FieldKind.Days, DayOps, "first order", IntegerOnly: true),
        new SegmentField("last_order_days_ago", FieldKind.Days, DayOps, "last order", IntegerOnly: true),
        new SegmentField("last_contacted_days_ago", FieldKind.Days, DayOps, "last contacted", IntegerOnly: true),
        new SegmentField("order_count", FieldKind.Number, NumberOps, "orders", IntegerOnly: true),
        new SegmentField("total_spent", FieldKind.Number, NumberOps, "total spent"),
        new SegmentField("avg_order_value", FieldKind.Number, NumberOps, "average order value"),
        new SegmentField("category", FieldKind.Bought, BoughtOps, "category"),
        new SegmentField("product", FieldKind.Bought, BoughtOps, "product"),
        new SegmentField("consent", FieldKind.Consent, [FilterOp.Eq], "consent"),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Channels a <c>consent</c> condition may name.</summary>
    public static readonly IReadOnlyList<string> Channels = ["whatsapp", "sms", "email", "rcs"];

    /// <summary>The DSL spelling of an operator.</summary>
    public static string Name(FilterOp op) => op switch
    {
        FilterOp.NotIn => "not_in",
        _ => op.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses the DSL spelling of an operator.</summary>
    public static FilterOp? ParseOp(string name) => name switch
    {
        "eq" => FilterOp.Eq,
        "neq" => FilterOp.Neq,
        "gt" => FilterOp.Gt,
        "gte" => FilterOp.Gte,
        "lt" => FilterOp.Lt,
        "lte" => FilterOp.Lte,
        "between" => FilterOp.Between,
        "in" => FilterOp.In,
        "not_in" => FilterOp.NotIn,
        "contains" => FilterOp.Contains,
        _ => null,
    };
}
