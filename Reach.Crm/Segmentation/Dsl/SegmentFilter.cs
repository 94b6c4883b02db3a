namespace Reach.Crm.Segmentation.Dsl;

/// <summary>A validated node of the filter DSL (ARCHITECTURE §5): a group or a condition.</summary>
public abstract record SegmentFilter;

/// <summary>
/// A group: <c>all</c> (AND) or <c>any</c> (OR) of its conditions, optionally negated.
/// </summary>
/// <param name="Match"><see cref="GroupMatch.All"/> or <see cref="GroupMatch.Any"/>.</param>
/// <param name="Negate">True to select the customers the group does not.</param>
/// <param name="Conditions">Conditions and nested groups.</param>
public sealed record FilterGroup(GroupMatch Match, bool Negate, IReadOnlyList<SegmentFilter> Conditions) : SegmentFilter;

/// <summary>
/// One condition on a field of the closed list (<see cref="SegmentFields"/>).
/// </summary>
/// <param name="Field">The field.</param>
/// <param name="Op">The operator, allowed for the field's type.</param>
/// <param name="Value">The value, already type-checked: a string, a decimal, or a list of either (for in/not_in/between).</param>
public sealed record FilterCondition(SegmentField Field, FilterOp Op, FilterValue Value) : SegmentFilter;

/// <summary>How a group combines its conditions.</summary>
public enum GroupMatch
{
    /// <summary>Every condition (AND).</summary>
    All,

    /// <summary>At least one condition (OR).</summary>
    Any,
}

/// <summary>The DSL's operators.</summary>
public enum FilterOp
{
    Eq, Neq, Gt, Gte, Lt, Lte, Between, In, NotIn, Contains,
}

/// <summary>
/// A type-checked value: exactly one of <see cref="Text"/>, <see cref="Number"/>, <see cref="Texts"/> or <see cref="Numbers"/> is set.
/// </summary>
public sealed record FilterValue(string? Text = null, decimal? Number = null, IReadOnlyList<string>? Texts = null, IReadOnlyList<decimal>? Numbers = null);
