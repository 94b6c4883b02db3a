using Npgsql;

namespace Reach.Crm.Segmentation.Dsl;

/// <summary>A definition compiled to a SQL predicate over <c>customers c</c>, with its parameters (values are never in the text).</summary>
/// <param name="Sql">The predicate, e.g. <c>(c.last_order_at &lt;= @p0 AND c.categories &amp;&amp; @p1)</c>.</param>
/// <param name="Parameters">Parameters named <c>p0</c>, <c>p1</c>, …</param>
public sealed record CompiledFilter(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    /// <summary>Fresh copies of the parameters for one command (a parameter belongs to one command).</summary>
    public IEnumerable<NpgsqlParameter> CloneParameters() => Parameters.Select(p => p.Clone());
}
