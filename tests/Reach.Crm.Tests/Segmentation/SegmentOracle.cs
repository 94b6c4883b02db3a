using System.Text.Json;

namespace Reach.Crm.Tests.Segmentation;

/// <summary>
/// An independent, in-memory reading of the DSL's rules (ARCHITECTURE §5) over <see cref="SegmentTestData"/>,
/// written from the spec rather than from the SQL compiler, so the two check each other.
/// </summary>
public static class SegmentOracle
{
    public static bool Matches(JsonElement node, SegmentTestData.Customer c, DateTimeOffset asOf)
    {
        if (node.TryGetProperty("conditions", out var conditions))
        {
            var any = node.TryGetProperty("match", out var m) && m.GetString() == "any";
            var results = conditions.EnumerateArray().Select(x => Matches(x, c, asOf)).ToList();
            var result = results.Count == 0 || (any ? results.Any(r => r) : results.All(r => r));
            return node.TryGetProperty("negate", out var n) && n.GetBoolean() ? !result : result;
        }

        var field = node.GetProperty("field").GetString()!;
        var op = node.GetProperty("op").GetString()!;
        var value = node.GetProperty("value");
        return field switch
        {
            "city" => Text(c.City, op, value),
            "country" => Text(c.Country, op, value),
            "gender" => Text(c.Gender, op, value),
            "tag" => Tags(c.Tags, op, value),
            "signup_days_ago" => Days(c.CreatedAt, op, value, asOf),
            "first_order_days_ago" => Days(c.FirstOrderAt, op, value, asOf),
            "last_order_days_ago" => Days(c.LastOrderAt, op, value, asOf),
            // Never contacted counts as contacted longer ago than any N.
            "last_contacted_days_ago" => c.LastContactedAt is null ? op is "gt" or "gte" : Days(c.LastContactedAt, op, value, asOf),
            "order_count" => Number(c.OrderCount, op, value),
            "total_spent" => Number(c.TotalSpent, op, value),
            "avg_order_value" => Number(c.AvgOrderValue, op, value),
            "category" => Bought(c.Categories, op, value),
            "product" => Bought(c.ProductNames, op, value),
            "consent" => c.Consents.Contains(value.GetString()!),
            _ => throw new ArgumentException(field),
        };
    }

    private static IEnumerable<string> Strings(JsonElement v) => v.EnumerateArray().Select(x => x.GetString()!.ToLowerInvariant());

    private static bool Text(string? actual, string op, JsonElement v)
    {
        var a = actual?.ToLowerInvariant();
        return op switch
        {
            "eq" => a == v.GetString()!.ToLowerInvariant(),
            "neq" => a != v.GetString()!.ToLowerInvariant(),
            "in" => a is not null && Strings(v).Contains(a),
            "not_in" => a is null || !Strings(v).Contains(a),
            "contains" => a?.Contains(v.GetString()!.ToLowerInvariant()) == true,
            _ => throw new ArgumentException(op),
        };
    }

    private static bool Tags(string[] tags, string op, JsonElement v) => op switch
    {
        "eq" => tags.Contains(v.GetString()!.ToLowerInvariant()),
        "neq" => !tags.Contains(v.GetString()!.ToLowerInvariant()),
        "in" => tags.Intersect(Strings(v)).Any(),
        "not_in" => !tags.Intersect(Strings(v)).Any(),
        "contains" => tags.Any(t => t.Contains(v.GetString()!.ToLowerInvariant())),
        _ => throw new ArgumentException(op),
    };

    private static bool Days(DateTimeOffset? at, string op, JsonElement v, DateTimeOffset asOf)
    {
        if (at is null)
        {
            return false;
        }

        var days = (long)Math.Floor((asOf - at.Value).TotalDays);
        return op switch
        {
            "gt" => days > v.GetInt64(),
            "gte" => days >= v.GetInt64(),
            "lt" => days < v.GetInt64(),
            "lte" => days <= v.GetInt64(),
            "between" => days >= v[0].GetInt64() && days <= v[1].GetInt64(),
            _ => throw new ArgumentException(op),
        };
    }

    private static bool Number(decimal actual, string op, JsonElement v) => op switch
    {
        "eq" => actual == v.GetDecimal(),
        "neq" => actual != v.GetDecimal(),
        "gt" => actual > v.GetDecimal(),
        "gte" => actual >= v.GetDecimal(),
        "lt" => actual < v.GetDecimal(),
        "lte" => actual <= v.GetDecimal(),
        "between" => actual >= v[0].GetDecimal() && actual <= v[1].GetDecimal(),
        _ => throw new ArgumentException(op),
    };

    private static bool Bought(IEnumerable<string> bought, string op, JsonElement v)
    {
        var set = bought.Select(b => b.ToLowerInvariant()).ToList();
        return op switch
        {
            "in" => set.Intersect(Strings(v)).Any(),
            "not_in" => !set.Intersect(Strings(v)).Any(),
            "contains" => set.Any(b => b.Contains(v.GetString()!.ToLowerInvariant())),
            _ => throw new ArgumentException(op),
        };
    }
}
