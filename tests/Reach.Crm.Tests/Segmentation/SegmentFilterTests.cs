using System.Net.Http.Json;
using System.Text.Json;
using Reach.Crm.Segmentation;
using Reach.Crm.Segmentation.Dsl;

namespace Reach.Crm.Tests.Segmentation;

/// <summary>
/// Every field × operator, nested groups, negation, between, in with one value, wildcard escaping, the no-orders
/// rule and the reference time: the SQL compiled from each definition selects exactly what the in-memory oracle does.
/// </summary>
public sealed class SegmentFilterTests(SegmentationFixture crm) : IClassFixture<SegmentationFixture>
{
    private static string Cond(string field, string op, object value) =>
        JsonSerializer.Serialize(new { match = "all", conditions = new object[] { new { field, op, value } } });

    public static TheoryData<string, string, object> FieldOperatorCases()
    {
        var data = new TheoryData<string, string, object>();
        foreach (var (field, op, value) in Cases)
        {
            data.Add(field, op, value);
        }

        return data;
    }

    private static readonly List<(string Field, string Op, object Value)> Cases = BuildCases();

    private static List<(string Field, string Op, object Value)> BuildCases()
    {
        var data = new CaseList();
        foreach (var field in new[] { "city", "country", "gender" })
        {
            var v = field switch { "city" => "Mumbai", "country" => "india", _ => "female" };
            data.Add(field, "eq", v);
            data.Add(field, "neq", v);
            data.Add(field, "in", new[] { v });
            data.Add(field, "in", new[] { v, field == "city" ? "Pune" : field == "country" ? "Germany" : "male" });
            data.Add(field, "not_in", new[] { v });
            data.Add(field, "contains", field == "city" ? "u" : "a");
        }

        data.Add("tag", "eq", "vip");
        data.Add("tag", "neq", "VIP");
        data.Add("tag", "in", new[] { "new" });
        data.Add("tag", "in", new[] { "new", "vip" });
        data.Add("tag", "not_in", new[] { "new", "vip" });
        data.Add("tag", "contains", "lover");
        foreach (var field in new[] { "signup_days_ago", "first_order_days_ago", "last_order_days_ago", "last_contacted_days_ago" })
        {
            data.Add(field, "gt", 60);
            data.Add(field, "gte", 30);
            data.Add(field, "lt", 30);
            data.Add(field, "lte", 29);
            data.Add(field, "between", new[] { 30, 90 });
            data.Add(field, "gt", 0);
        }

        data.Add("order_count", "eq", 0);
        data.Add("order_count", "eq", 2);
        data.Add("order_count", "neq", 2);
        data.Add("order_count", "gt", 3);
        data.Add("order_count", "gte", 3);
        data.Add("order_count", "lt", 2);
        data.Add("order_count", "lte", 1);
        data.Add("order_count", "between", new[] { 2, 4 });
        foreach (var field in new[] { "total_spent", "avg_order_value" })
        {
            data.Add(field, "eq", 0);
            data.Add(field, "neq", 0);
            data.Add(field, "gt", 2000.5);
            data.Add(field, "gte", 1000);
            data.Add(field, "lt", 1500);
            data.Add(field, "lte", 999.99);
            data.Add(field, "between", new[] { 500, 5000 });
            // Bounds between two whole minor units (the facts compare paise/pence as integers), next to amounts the test
            // data holds exactly (0.00, and S-EDGE-30's 499.00), so swapping floor and ceiling changes a count.
            data.Add(field, "gte", 499.005);
            data.Add(field, "gte", 498.995);
            data.Add(field, "gt", 498.995);
            data.Add(field, "lt", 499.005);
            data.Add(field, "lte", 498.995);
            data.Add(field, "lte", -0.005);
            data.Add(field, "eq", 0.001);
            data.Add(field, "neq", 0.001);
            data.Add(field, "between", new[] { 499.005, 600 });
            data.Add(field, "between", new[] { 498.995, 499.005 });
        }

        data.Add("category", "in", new[] { "lipstick" });
        data.Add("category", "in", new[] { "Lipstick", "eyes" });
        data.Add("category", "not_in", new[] { "lipstick" });
        data.Add("category", "contains", "SKIN");
        data.Add("product", "in", new[] { "Vitamin C Serum" });
        data.Add("product", "in", new[] { "matte lipstick", "lash mascara" });
        data.Add("product", "not_in", new[] { "Vitamin C Serum" });
        data.Add("product", "contains", "lipstick");
        foreach (var channel in new[] { "whatsapp", "sms", "email", "rcs" })
        {
            data.Add("consent", "eq", channel);
        }

        return data;
    }

    private sealed class CaseList : List<(string Field, string Op, object Value)>
    {
        public void Add(string field, string op, object value) => Add((field, op, value));
    }

    [Theory]
    [MemberData(nameof(FieldOperatorCases))]
    public async Task Field_and_operator_select_what_the_rules_say(string field, string op, object value)
    {
        var json = Cond(field, op, value);
        var expected = SegmentationFixture.Expected(json);
        var actual = await crm.MembersAsync(json);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_cases_cover_every_field_and_operator()
    {
        var covered = Cases.Select(c => (c.Field, c.Op)).ToHashSet();
        foreach (var field in SegmentFields.All.Values)
        {
            foreach (var op in field.Ops)
            {
                Assert.Contains((field.Name, SegmentFields.Name(op)), covered);
            }
        }
    }

    [Fact]
    public async Task Cases_are_not_trivially_empty_or_everyone()
    {
        var sizes = new List<int>();
        foreach (var (field, op, value) in Cases)
        {
            sizes.Add((await crm.MembersAsync(Cond(field, op, value))).Count);
        }

        // Most cases select some but not all of the 62 customers, so they discriminate.
        Assert.True(sizes.Count(s => s > 0 && s < SegmentTestData.Customers.Count) >= sizes.Count * 3 / 4, string.Join(",", sizes));
    }

    [Theory]
    [InlineData("""{"match":"any","conditions":[{"field":"city","op":"eq","value":"Pune"},{"match":"all","conditions":[{"field":"tag","op":"eq","value":"vip"},{"field":"order_count","op":"gte","value":2}]}]}""")]
    [InlineData("""{"match":"all","conditions":[{"field":"category","op":"in","value":["lipstick"]},{"match":"any","negate":true,"conditions":[{"field":"city","op":"eq","value":"Mumbai"},{"field":"city","op":"eq","value":"Delhi"}]}]}""")]
    [InlineData("""{"match":"all","negate":true,"conditions":[{"field":"city","op":"eq","value":"Pune"}]}""")]
    [InlineData("""{"match":"all","conditions":[{"match":"all","negate":true,"conditions":[{"match":"any","negate":true,"conditions":[{"field":"last_order_days_ago","op":"lt","value":60},{"field":"gender","op":"eq","value":"male"}]}]}]}""")]
    [InlineData("""{"match":"all","conditions":[]}""")]
    public async Task Nested_groups_and_negation(string json) =>
        Assert.Equal(SegmentationFixture.Expected(json), await crm.MembersAsync(json));

    [Fact]
    public async Task In_with_one_value_equals_eq()
    {
        Assert.Equal(await crm.MembersAsync(Cond("city", "eq", "Delhi")), await crm.MembersAsync(Cond("city", "in", new[] { "Delhi" })));
    }

    [Fact]
    public async Task Contains_escapes_like_wildcards()
    {
        // '%' and '_' match themselves only: no city other than "100%_City" holds them.
        Assert.Equal(SegmentTestData.Customers.Where(c => c.City == "100%_City").Select(c => c.Id).Order(StringComparer.Ordinal),
            await crm.MembersAsync(Cond("city", "contains", "0%_C")));
        Assert.Empty(await crm.MembersAsync(Cond("city", "contains", "%%")));
        Assert.Equal(SegmentationFixture.Expected(Cond("product", "contains", "50%")), await crm.MembersAsync(Cond("product", "contains", "50%")));
        Assert.Equal(SegmentationFixture.Expected(Cond("product", "contains", "n_l")), await crm.MembersAsync(Cond("product", "contains", "n_l")));
        Assert.Equal(SegmentationFixture.Expected(Cond("tag", "contains", "%_")), await crm.MembersAsync(Cond("tag", "contains", "%_")));
    }

    [Fact]
    public async Task Customers_without_orders_have_zero_metrics_and_never_match_an_order_date()
    {
        var noOrders = SegmentTestData.Customers.Where(c => c.OrderCount == 0).Select(c => c.Id).ToHashSet();
        Assert.NotEmpty(noOrders);
        Assert.True(noOrders.IsSubsetOf(await crm.MembersAsync(Cond("order_count", "eq", 0))));
        foreach (var field in new[] { "first_order_days_ago", "last_order_days_ago" })
        {
            foreach (var (op, value) in new (string, object)[] { ("gt", 0), ("gte", 0), ("lt", 100000 / 3), ("lte", 36500), ("between", new[] { 0, 36500 }) })
            {
                Assert.Empty((await crm.MembersAsync(Cond(field, op, value))).Intersect(noOrders));
            }
        }
    }

    [Fact]
    public async Task Days_are_whole_days_before_the_reference_time()
    {
        // S-EDGE-30 ordered exactly 30 days before AsOf, S-EDGE-29 one second later (29 whole days).
        var gte30 = await crm.MembersAsync(Cond("last_order_days_ago", "gte", 30));
        Assert.Contains("S-EDGE-30", gte30);
        Assert.DoesNotContain("S-EDGE-29", gte30);
        var lt30 = await crm.MembersAsync(Cond("last_order_days_ago", "lt", 30));
        Assert.Contains("S-EDGE-29", lt30);
        Assert.DoesNotContain("S-EDGE-30", lt30);
        Assert.DoesNotContain("S-EDGE-30", await crm.MembersAsync(Cond("last_order_days_ago", "gt", 30)));
        Assert.Contains("S-EDGE-30", await crm.MembersAsync(Cond("last_order_days_ago", "between", new[] { 30, 30 })));
    }

    [Fact]
    public async Task Last_contact_selects_contacted_customers_by_whole_days_and_counts_the_never_contacted_as_long_ago()
    {
        var everyone = SegmentTestData.Customers.Select(c => c.Id).ToHashSet();
        var never = SegmentTestData.Customers.Where(c => c.LastContactedAt is null).Select(c => c.Id).ToHashSet();
        Assert.InRange(never.Count, 1, everyone.Count / 2);
        foreach (var (op, value) in new (string, object)[] { ("gt", 30), ("gte", 30), ("lt", 30), ("lte", 29), ("between", new[] { 7, 45 }), ("gt", 0), ("lt", 1) })
        {
            var json = Cond("last_contacted_days_ago", op, value);
            var negated = JsonSerializer.Serialize(new { match = "all", negate = true, conditions = new object[] { new { field = "last_contacted_days_ago", op, value } } });
            var yes = await crm.MembersAsync(json);
            var no = await crm.MembersAsync(negated);
            Assert.Equal(SegmentationFixture.Expected(json), yes);
            Assert.Equal(SegmentationFixture.Expected(negated), no);
            Assert.Empty(yes.Intersect(no));
            Assert.True(everyone.SetEquals(yes.Union(no)), $"{op} {value}: not a partition");
            Assert.True(yes.Except(never).Any(), $"{op} {value}: selects no contacted customer");
            Assert.True(no.Except(never).Any(), $"{op} {value}: its negation selects no contacted customer");
            Assert.True(op is "gt" or "gte" ? never.IsSubsetOf(yes) : never.IsSubsetOf(no), $"{op} {value}: the never contacted");
        }

        // S-EDGE-30 was last contacted exactly 30 days before the reference time, S-EDGE-29 one second later.
        Assert.Contains("S-EDGE-30", await crm.MembersAsync(Cond("last_contacted_days_ago", "gte", 30)));
        Assert.DoesNotContain("S-EDGE-29", await crm.MembersAsync(Cond("last_contacted_days_ago", "gte", 30)));
        Assert.Contains("S-EDGE-29", await crm.MembersAsync(Cond("last_contacted_days_ago", "lt", 30)));
        Assert.Contains("S-EDGE-30", await crm.MembersAsync(Cond("last_contacted_days_ago", "between", new[] { 30, 30 })));

        // The preview's count (the query a launch's audience uses too) agrees.
        using var client = crm.CreateClient();
        foreach (var json in new[] { Cond("last_contacted_days_ago", "gt", 30), Cond("last_contacted_days_ago", "between", new[] { 7, 45 }) })
        {
            using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/api/segments/preview", content, TestContext.Current.CancellationToken);
            var preview = await response.Content.ReadFromJsonAsync<AudiencePreview>(TestContext.Current.CancellationToken);
            Assert.Equal((long)SegmentationFixture.Expected(json).Count, preview!.Count);
        }
    }

    [Fact]
    public async Task A_definition_and_its_negation_partition_all_customers()
    {
        var everyone = SegmentTestData.Customers.Select(c => c.Id).ToHashSet();
        var rng = new Random(2026);
        var cases = Cases;
        for (var i = 0; i < 40; i++)
        {
            var definition = RandomGroup(rng, cases, depth: 1);
            var json = JsonSerializer.Serialize(definition);
            var negated = JsonSerializer.Serialize(new { match = "all", negate = true, conditions = new[] { definition } });
            var yes = await crm.MembersAsync(json);
            var no = await crm.MembersAsync(negated);
            Assert.Empty(yes.Intersect(no));
            Assert.True(everyone.SetEquals(yes.Union(no)), $"not a partition: {json}");
            Assert.Equal(SegmentationFixture.Expected(json), yes);
        }
    }

    private static Dictionary<string, object> RandomGroup(Random rng, List<(string Field, string Op, object Value)> cases, int depth)
    {
        var conditions = new List<object>();
        for (var i = 0; i < rng.Next(1, 4); i++)
        {
            if (depth < 3 && rng.NextDouble() < 0.3)
            {
                conditions.Add(RandomGroup(rng, cases, depth + 1));
            }
            else
            {
                var (field, op, value) = cases[rng.Next(cases.Count)];
                conditions.Add(new Dictionary<string, object> { ["field"] = field, ["op"] = op, ["value"] = value });
            }
        }

        return new Dictionary<string, object>
        {
            ["match"] = rng.Next(2) == 0 ? "all" : "any",
            ["negate"] = rng.NextDouble() < 0.3,
            ["conditions"] = conditions,
        };
    }
}
