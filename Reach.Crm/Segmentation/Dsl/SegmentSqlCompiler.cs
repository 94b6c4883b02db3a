using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Reach.Crm.Segmentation.Dsl;

/// <summary>
/// Compiles a validated definition to a parameterised predicate over the maintained customer metrics as projected into
/// <c>segment_facts f</c> (<see cref="CompiledFilter.From"/>: lower-cased text, consent as bits), and
/// <c>customer_contacts</c> for the last contact; nothing aggregates orders at query time. Rules (ARCHITECTURE §5):
/// <list type="bullet">
/// <item>Text is compared case-insensitively; <c>neq</c>/<c>not_in</c> include customers with no value; <c>contains</c> escapes LIKE wildcards.</item>
/// <item>"N days ago" counts whole days before the reference time R: <c>gt N</c> ⇔ at least N+1 days before R, <c>lt N</c> ⇔ less than N days before R.
/// Customers without orders never match an order-date condition; a customer never contacted (no <c>customer_contacts</c>
/// row) matches <c>last_contacted_days_ago gt/gte</c> (contacted longer ago than any N) and nothing else.</item>
/// <item>A negated group selects exactly the customers the group does not (conditions are made two-valued there).</item>
/// </list>
/// </summary>
public static class SegmentSqlCompiler
{
    /// <summary>Compiles <paramref name="filter"/> measured from <paramref name="referenceTime"/>.</summary>
    public static CompiledFilter Compile(FilterGroup filter, DateTimeOffset referenceTime)
    {
        var state = new State(referenceTime.ToUniversalTime());
        var sql = Group(filter, negated: false, state);
        return new CompiledFilter(sql, state.Parameters);
    }

    private sealed class State(DateTimeOffset reference)
    {
        public DateTimeOffset Reference { get; } = reference;
        public List<NpgsqlParameter> Parameters { get; } = [];

        public string Add(object value, NpgsqlDbType type)
        {
            var name = $"p{Parameters.Count}";
            Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
            return "@" + name;
        }
    }

    private static string Group(FilterGroup g, bool negated, State s)
    {
        var inner = negated || g.Negate; // under any NOT, conditions must be two-valued (NULL would escape both sides)
        if (g.Conditions.Count == 0)
        {
            return g.Negate ? "FALSE" : "TRUE";
        }

        var parts = g.Conditions.Select(c => c switch
        {
            FilterGroup sub => Group(sub, inner, s),
            FilterCondition cond => inner ? $"coalesce({Condition(cond, s)}, false)" : Condition(cond, s),
            _ => throw new InvalidOperationException("unknown node"),
        });
        var joined = "(" + string.Join(g.Match == GroupMatch.All ? " AND " : " OR ", parts) + ")";
        return g.Negate ? $"(NOT {joined})" : joined;
    }

    private static string Condition(FilterCondition c, State s) => c.Field.Kind switch
    {
        FieldKind.Text when c.Field.Name == "tag" => Tag(c, s),
        FieldKind.Text => Text(c, $"f.{c.Field.Name}", s),
        FieldKind.Days => Days(c, s),
        FieldKind.Number => Number(c, s),
        FieldKind.Bought => Bought(c, s),
        FieldKind.Consent => ChannelSql.ConsentedFact(c.Value.Text!),
        _ => throw new InvalidOperationException($"unknown field kind {c.Field.Kind}"),
    };

    /// <summary>A text field; the facts hold it lower-cased (PostgreSQL's <c>lower</c>), so values are lower-cased here.</summary>
    private static string Text(FilterCondition c, string column, State s) => c.Op switch
    {
        FilterOp.Eq => $"{column} = {s.Add(c.Value.Text!.ToLowerInvariant(), NpgsqlDbType.Text)}",
        FilterOp.Neq => $"({column} IS NULL OR {column} <> {s.Add(c.Value.Text!.ToLowerInvariant(), NpgsqlDbType.Text)})",
        FilterOp.In => $"{column} = ANY({LowerList(c, s)})",
        FilterOp.NotIn => $"({column} IS NULL OR NOT ({column} = ANY({LowerList(c, s)})))",
        FilterOp.Contains => $"{column} ILIKE {Like(c, s)} ESCAPE '\\'",
        _ => throw Unsupported(c),
    };

    private static string Tag(FilterCondition c, State s) => c.Op switch
    {
        FilterOp.Eq => $"f.tags @> {s.Add(new[] { c.Value.Text!.ToLowerInvariant() }, NpgsqlDbType.Array | NpgsqlDbType.Text)}",
        FilterOp.Neq => $"NOT (f.tags @> {s.Add(new[] { c.Value.Text!.ToLowerInvariant() }, NpgsqlDbType.Array | NpgsqlDbType.Text)})",
        FilterOp.In => $"f.tags && {LowerList(c, s)}",
        FilterOp.NotIn => $"NOT (f.tags && {LowerList(c, s)})",
        FilterOp.Contains => $"EXISTS (SELECT 1 FROM unnest(f.tags) AS t(tag) WHERE t.tag ILIKE {Like(c, s)} ESCAPE '\\')",
        _ => throw Unsupported(c),
    };

    private static string Days(FilterCondition c, State s)
    {
        if (c.Field.Name == "last_contacted_days_ago")
        {
            return LastContacted(c, s);
        }

        var column = c.Field.Name switch
        {
            "signup_days_ago" => "f.created_at",
            "first_order_days_ago" => "f.first_order_at",
            "last_order_days_ago" => "f.last_order_at",
            _ => throw Unsupported(c),
        };

        // At least N whole days before R ⇔ ts <= R − N days; fewer than N ⇔ ts > R − N days.
        string AtLeast(decimal n) => $"{column} <= {DaysBefore(n, s)}";
        string FewerThan(decimal n) => $"{column} > {DaysBefore(n, s)}";
        return c.Op switch
        {
            FilterOp.Gt => AtLeast(c.Value.Number!.Value + 1),
            FilterOp.Gte => AtLeast(c.Value.Number!.Value),
            FilterOp.Lt => FewerThan(c.Value.Number!.Value),
            FilterOp.Lte => FewerThan(c.Value.Number!.Value + 1),
            FilterOp.Between => $"({AtLeast(c.Value.Numbers![0])} AND {FewerThan(c.Value.Numbers![1] + 1)})",
            _ => throw Unsupported(c),
        };
    }

    /// <summary>
    /// Last contact lives in <c>customer_contacts</c> (one row per customer ever contacted). "Contacted at least N days
    /// ago, or never" is "no contact in the last N days" — an anti-join; "fewer than N days ago" and <c>between</c> need a
    /// contact — a semi-join. EXISTS is never NULL, so a negated group stays exact, and the planner keeps a count
    /// set-based (a hash anti/semi-join, or a hashed subplan under NOT/OR) instead of looking each customer up.
    /// </summary>
    private static string LastContacted(FilterCondition c, State s)
    {
        string ContactSince(decimal n) =>
            $"EXISTS (SELECT 1 FROM customer_contacts cc WHERE cc.customer_id = f.customer_id AND cc.last_contacted_at > {DaysBefore(n, s)})";
        return c.Op switch
        {
            FilterOp.Gt => $"NOT {ContactSince(c.Value.Number!.Value + 1)}",
            FilterOp.Gte => $"NOT {ContactSince(c.Value.Number!.Value)}",
            FilterOp.Lt => ContactSince(c.Value.Number!.Value),
            FilterOp.Lte => ContactSince(c.Value.Number!.Value + 1),
            FilterOp.Between => $"EXISTS (SELECT 1 FROM customer_contacts cc WHERE cc.customer_id = f.customer_id " +
                $"AND cc.last_contacted_at <= {DaysBefore(c.Value.Numbers![0], s)} AND cc.last_contacted_at > {DaysBefore(c.Value.Numbers![1] + 1, s)})",
            _ => throw Unsupported(c),
        };
    }

    /// <summary>A parameter holding the reference time minus <paramref name="days"/> days.</summary>
    private static string DaysBefore(decimal days, State s) =>
        s.Add(s.Reference.AddDays(-(double)days).UtcDateTime, NpgsqlDbType.TimestampTz);

    private static string Number(FilterCondition c, State s)
    {
        if (!c.Field.IntegerOnly)
        {
            return Money(c, s);
        }

        // The whole-number fields (order_count): the parser refuses a fraction for them.
        var column = $"f.{c.Field.Name}";
        string P(decimal d) => s.Add((int)d, NpgsqlDbType.Integer);
        return c.Op switch
        {
            FilterOp.Eq => $"{column} = {P(c.Value.Number!.Value)}",
            FilterOp.Neq => $"{column} <> {P(c.Value.Number!.Value)}",
            FilterOp.Gt => $"{column} > {P(c.Value.Number!.Value)}",
            FilterOp.Gte => $"{column} >= {P(c.Value.Number!.Value)}",
            FilterOp.Lt => $"{column} < {P(c.Value.Number!.Value)}",
            FilterOp.Lte => $"{column} <= {P(c.Value.Number!.Value)}",
            FilterOp.Between => $"{column} BETWEEN {P(c.Value.Numbers![0])} AND {P(c.Value.Numbers![1])}",
            _ => throw Unsupported(c),
        };
    }

    /// <summary>
    /// <c>total_spent</c> and <c>avg_order_value</c> in the currency's major unit, compared exactly against the facts'
    /// whole minor units (<c>total_spent_minor</c>, <c>avg_order_value_minor</c>; 2 decimals, as the customers' numeric(12,2)):
    /// m/100 &gt; v ⇔ m &gt; ⌊100v⌋, m/100 ≥ v ⇔ m ≥ ⌈100v⌉, and equality only when 100v is whole. Comparing integers
    /// is what a scan of every customer does per row (numeric comparisons cost about a third more; migration
    /// <c>SegmentFactsCategoryBits</c>).
    /// </summary>
    private static string Money(FilterCondition c, State s)
    {
        var column = $"f.{c.Field.Name}_minor";
        // Clamped: a bound beyond bigint compares like the largest one (facts hold at most numeric(12,2) in minor units).
        static long Minor(decimal m) => m >= long.MaxValue ? long.MaxValue : m <= long.MinValue ? long.MinValue : (long)m;
        string Floor(decimal v) => s.Add(Minor(decimal.Floor(v * 100)), NpgsqlDbType.Bigint);
        string Ceiling(decimal v) => s.Add(Minor(decimal.Ceiling(v * 100)), NpgsqlDbType.Bigint);
        static bool Whole(decimal v) => v * 100 == decimal.Floor(v * 100);
        var value = c.Value.Number;
        return c.Op switch
        {
            FilterOp.Eq => Whole(value!.Value) ? $"{column} = {Floor(value.Value)}" : "FALSE",
            FilterOp.Neq => Whole(value!.Value) ? $"{column} <> {Floor(value.Value)}" : "TRUE",
            FilterOp.Gt => $"{column} > {Floor(value!.Value)}",
            FilterOp.Gte => $"{column} >= {Ceiling(value!.Value)}",
            FilterOp.Lt => $"{column} < {Ceiling(value!.Value)}",
            FilterOp.Lte => $"{column} <= {Floor(value!.Value)}",
            FilterOp.Between => $"{column} BETWEEN {Ceiling(c.Value.Numbers![0])} AND {Floor(c.Value.Numbers![1])}",
            _ => throw Unsupported(c),
        };
    }

    private static string Bought(FilterCondition c, State s)
    {
        // Matching catalogue entries are found first (a small table), then customers by the GIN-indexed arrays.
        var any = c.Field.Name == "category"
            ? c.Op switch
            {
                FilterOp.In or FilterOp.NotIn => CategoryIn(LowerList(c, s)),
                FilterOp.Contains => $"f.categories && ARRAY(SELECT DISTINCT p.category::text FROM products p WHERE p.category ILIKE {Like(c, s)} ESCAPE '\\')",
                _ => throw Unsupported(c),
            }
            : c.Op switch
            {
                FilterOp.In or FilterOp.NotIn =>
                    $"f.product_ids && ARRAY(SELECT p.id FROM products p WHERE lower(p.name) = ANY({LowerList(c, s)}) OR lower(p.sku) = ANY({LowerList(c, s)}))",
                FilterOp.Contains => $"f.product_ids && ARRAY(SELECT p.id FROM products p WHERE p.name ILIKE {Like(c, s)} ESCAPE '\\')",
                _ => throw Unsupported(c),
            };
        return c.Op == FilterOp.NotIn ? $"NOT ({any})" : any;
    }

    /// <summary>
    /// Bought any of <paramref name="list"/> (a lower-cased text[] parameter): the categories' bits against the fact's
    /// <c>category_bits</c> (the mask is one look-up per query, an InitPlan), and the category array only for the rows whose
    /// sign bit says they hold a category beyond the 63 bits (migration <c>SegmentFactsCategoryBits</c>). Never NULL, so
    /// <c>not_in</c> is its negation.
    /// </summary>
    private static string CategoryIn(string list) =>
        $"((f.category_bits & (SELECT coalesce(bit_or(1::bigint << b.bit), 0) FROM segment_category_bits b WHERE b.category = ANY({list}))) <> 0" +
        $" OR (f.category_bits < 0 AND f.categories && {list}))";

    private static string LowerList(FilterCondition c, State s) =>
        s.Add(c.Value.Texts!.Select(t => t.ToLowerInvariant()).Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);

    private static string Like(FilterCondition c, State s) => s.Add("%" + EscapeLike(c.Value.Text!) + "%", NpgsqlDbType.Text);

    /// <summary>Escapes <c>\</c>, <c>%</c> and <c>_</c> so they match themselves in <c>LIKE … ESCAPE '\'</c>.</summary>
    public static string EscapeLike(string value)
    {
        var sb = new StringBuilder(value.Length + 4);
        foreach (var ch in value)
        {
            if (ch is '\\' or '%' or '_')
            {
                sb.Append('\\');
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }

    private static InvalidOperationException Unsupported(FilterCondition c) =>
        new($"{SegmentFields.Name(c.Op)} is not supported for {c.Field.Name}");
}
