namespace Reach.Crm.Segmentation.Dsl;

/// <summary>The type of a DSL field, which decides its operators and value.</summary>
public enum FieldKind
{
    /// <summary>Text on the customer (city, country, gender, tag): eq, neq, in, not_in, contains; case-insensitive.</summary>
    Text,

    /// <summary>Whole days before the reference time: gt, gte, lt, lte, between.</summary>
    Days,

    /// <summary>A number: eq, neq, gt, gte, lt, lte, between.</summary>
    Number,

    /// <summary>Bought at least once (category, product): in, not_in, contains.</summary>
    Bought,

    /// <summary>Opted in to a channel: eq.</summary>
    Consent,
}

/// <summary>
/// One field of the closed list.
/// </summary>
/// <param name="Name">The DSL name, e.g. <c>last_order_days_ago</c>.</param>
/// <param name="Kind">Its type.</param>
/// <param name="Ops">Operators allowed, in the order error messages list them.</param>
/// <param name="Label">Human wording for descriptions, e.g. <c>last order</c>.</param>
/// <param name="IntegerOnly">Numbers must be whole (days, order counts).</param>
public sealed record SegmentField(string Name, FieldKind Kind, IReadOnlyList<FilterOp> Ops, string Label, bool IntegerOnly = false);
