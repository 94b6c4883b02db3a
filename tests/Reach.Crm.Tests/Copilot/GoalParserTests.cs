using System.Text.Json;
using Reach.Crm.Copilot.Embedded;
using Reach.Crm.Ingest.DemoData;
using Reach.Testing;

namespace Reach.Crm.Tests.Copilot;

/// <summary>The embedded planner's language understanding, on catalogues of both data sets (no database: the set comparison is in the evaluation test).</summary>
public sealed class GoalParserTests
{
    public static readonly Catalogue Demo = new(
        DemoDataGenerator.Catalogue.Select(p => p.Category).Distinct().ToList(),
        DemoDataGenerator.Catalogue.Select(p => p.Name).ToList(),
        DemoDataGenerator.Cities.ToList(), ["India"], DemoDataGenerator.Tags.ToList());

    private static readonly Lazy<Catalogue> OnlineRetail = new(() =>
    {
        var products = new HashSet<string>();
        var countries = new HashSet<string>();
        foreach (var line in File.ReadLines(TestData.OnlineRetailCsv).Skip(1))
        {
            var parts = line.Split(',');
            countries.Add(parts[^1]);
            if (parts.Length == 8)
            {
                products.Add(parts[2]);
            }
        }

        return new Catalogue([], products.ToList(), [], countries.ToList(), []);
    });

    private static string Json(ParsedGoal goal) =>
        JsonSerializer.Serialize(goal.Conditions.Select(c => new { field = c.Field, op = c.Op, value = c.Value }));

    [Fact]
    public void Every_eval_goal_parses_to_its_audience()
    {
        var failures = new List<string>();
        foreach (var goal in EvalGoal.Load())
        {
            var catalogue = goal.Dataset == "online-retail" ? OnlineRetail.Value : Demo;
            var parsed = GoalParser.Parse(goal.Goal, catalogue);
            using var expected = JsonDocument.Parse(goal.Audience);
            var want = expected.RootElement.GetProperty("conditions").EnumerateArray()
                .Select(c => $"{c.GetProperty("field").GetString()} {c.GetProperty("op").GetString()} {JsonSerializer.Serialize(c.GetProperty("value")).ToLowerInvariant()}").Order().ToList();
            var got = parsed.Conditions.Select(c => $"{c.Field} {c.Op} {JsonSerializer.Serialize(c.Value).ToLowerInvariant()}").Order().ToList();
            if (!want.SequenceEqual(got) || (goal.Channel is not null && goal.Channel != parsed.Channel))
            {
                failures.Add($"{goal.Id} \"{goal.Goal}\"\n   want {string.Join(" & ", want)} {goal.Channel}\n   got  {string.Join(" & ", got)} {parsed.Channel}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("Customers who haven't ordered in 2 months", "last_order_days_ago gt 60")]
    [InlineData("Customers inactive for 100+ days", "last_order_days_ago gte 100")]
    [InlineData("People who ordered in the last week", "last_order_days_ago lt 7")]
    [InlineData("Customers who spent 2k or more", "total_spent gte 2000")]
    [InlineData("Customers who spent between 2000 and 8000", "total_spent between [2000,8000]")]
    [InlineData("Customers who have spent over £1,000", "total_spent gt 1000")]
    [InlineData("One-time buyers", "order_count eq 1")]
    [InlineData("Customers with 8 or more orders", "order_count gte 8")]
    [InlineData("Customers with 8+ orders", "order_count gte 8")]
    [InlineData("Customers who never bought foundation", "category not_in [\"foundation\"]")]
    [InlineData("Customers not from Mumbai", "city neq \"mumbai\"")]
    [InlineData("Shoppers in Bangalore", "city eq \"bengaluru\"")]
    [InlineData("Customers who signed up in the last 2 weeks", "signup_days_ago lt 14")]
    [InlineData("Customers whose last order was more than 3 months ago", "last_order_days_ago gt 90")]
    [InlineData("Repeat customers", "order_count gte 2")]
    [InlineData("Ladies who love perfumes", "gender eq \"female\" & category in [\"fragrance\"]")]
    [InlineData("VIP customers", "tag eq \"vip\"")]
    [InlineData("Customers who ordered twice", "order_count eq 2")]
    [InlineData("Customers with an average order value under 700", "avg_order_value lt 700")]
    [InlineData("Customers opted in to SMS in Pune", "city eq \"pune\" & consent eq \"sms\"")]
    public void Marketer_phrasings_beyond_the_eval_set(string goal, string expected)
    {
        var parsed = GoalParser.Parse(goal, Demo);
        var got = string.Join(" & ", parsed.Conditions.Select(c => $"{c.Field} {c.Op} {JsonSerializer.Serialize(c.Value).ToLowerInvariant()}").Order());
        Assert.Equal(string.Join(" & ", expected.Split(" & ").Order()), got);
    }

    [Theory]
    [InlineData("hello there", false)]
    [InlineData("what can you do", false)]
    [InlineData("Thank everyone", true)]
    public void Goals_without_an_audience_are_recognised(string goal, bool hasAudience) =>
        Assert.Equal(hasAudience, GoalParser.Parse(goal, Demo).HasAudience);

    [Theory]
    [InlineData("Remind lapsed lipstick buyers by SMS", "sms")]
    [InlineData("Email customers in Pune", "email")]
    [InlineData("Send a WhatsApp to VIP customers", "whatsapp")]
    [InlineData("Reach Delhi shoppers via RCS", "rcs")]
    public void Channel_wishes_are_read(string goal, string channel) => Assert.Equal(channel, GoalParser.Parse(goal, Demo).Channel);
}
