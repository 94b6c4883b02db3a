using Npgsql;

namespace Reach.Crm.Segmentation.Dsl;

/// <summary>
/// A definition compiled to a SQL predicate over the segment facts aliased <c>f</c> (<see cref="From"/>), with its
/// parameters (values are never in the text).
/// </summary>
/// <param name="Sql">The predicate, e.g. <c>(f.last_order_at &lt;= @p0 AND f.categories &amp;&amp; @p1)</c>.</param>
/// <param name="Parameters">Parameters named <c>p0</c>, <c>p1</c>, …</param>
public sealed record CompiledFilter(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    /// <summary>The relation the predicate reads: one narrow row per customer (migration <c>SegmentFacts</c>).</summary>
    public const string From = "segment_facts f";

    /// <summary><see cref="From"/> joined to each fact's customer (<c>customers c</c>), for statements that need names or addresses.</summary>
    public const string FromWithCustomers = "segment_facts f JOIN customers c ON c.id = f.customer_id";

    /// <summary>Fresh copies of the parameters for one command (a parameter belongs to one command).</summary>
    public IEnumerable<NpgsqlParameter> CloneParameters() => Parameters.Select(p => p.Clone());
}
