using System.Text.RegularExpressions;
using Reach.Crm.Ingest;
using Reach.Crm.Ingest.DemoData;

namespace Reach.Crm.Tests.Ingest;

public partial class DemoDataGeneratorTests
{
    private static readonly DateTimeOffset Reference = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static readonly string[] SpecCities =
        ["Mumbai", "Delhi", "Bengaluru", "Hyderabad", "Chennai", "Pune", "Kolkata", "Ahmedabad", "Jaipur", "Lucknow", "Chandigarh", "Surat"];

    private static readonly string[] FemaleNames =
        ["Aanya", "Diya", "Isha", "Kavya", "Meera", "Nisha", "Priya", "Riya", "Saanvi", "Tara", "Ananya", "Sneha", "Pooja", "Neha", "Simran", "Zara", "Myra"];

    private static readonly string[] MaleNames = ["Aarav", "Kabir", "Vihaan", "Rohan", "Arjun", "Aditya", "Ishaan"];

    private static readonly string[] SpecLastNames =
        ["Sharma", "Verma", "Patel", "Reddy", "Nair", "Iyer", "Gupta", "Mehta", "Singh", "Kapoor", "Joshi", "Desai", "Rao", "Bose", "Chopra", "Malhotra"];

    private static readonly string[] SpecTags = ["new", "vip", "discount-lover", "skincare-fan", "makeup-fan", "fragrance"];

    /// <summary>DEMO-DATA.md's catalogue: name → (category, base price ₹).</summary>
    private static readonly Dictionary<string, (string Category, decimal Base)> SpecCatalogue = new()
    {
        ["Matte Attack Liquid Lipstick"] = ("lipstick", 499),
        ["Smudge Me Not Lipstick"] = ("lipstick", 599),
        ["Nothing Else Matte-rs Lipstick"] = ("lipstick", 549),
        ["Ace Of Face Foundation Stick"] = ("foundation", 899),
        ["Skin Foundation Drops"] = ("foundation", 999),
        ["Vitamin C Serum"] = ("skincare", 699),
        ["Hydrating Moisturiser"] = ("skincare", 549),
        ["Sunscreen SPF50"] = ("skincare", 449),
        ["Stroke Of Genius Eyeliner"] = ("eyes", 399),
        ["Lash Mob Mascara"] = ("eyes", 599),
        ["Blend The Rules Eyeshadow Palette"] = ("eyes", 1299),
        ["Tip Tac Toe Nail Lacquer"] = ("nails", 199),
        ["Eau De Sugar Perfume"] = ("fragrance", 1199),
    };

    [GeneratedRegex(@"^\+9198\d{8}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[a-z]+\.[a-z]+(\d+)@example\.com$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^SUG-O(\d{7})-\d{2}$")]
    private static partial Regex OrderIdPattern();

    private static DemoDataGenerator Generator(int customers = 1000, int seed = 42) => new(new DemoDataOptions(customers, seed), Reference);

    /// <summary>A value-comparable rendering of a customer (the record holds an array, which compares by reference).</summary>
    private static string Describe(CustomerRecord c) =>
        string.Join('|', c.ExternalId, c.Name, c.FirstName, c.Email, c.Phone, c.City, c.Country, c.Gender,
            string.Join(',', c.Tags), c.CreatedAt?.ToString("O"), c.Consent, c.IsSynthetic);

    private sealed record Data(List<CustomerRecord> Customers, List<OrderLineRecord> Lines, Dictionary<string, List<OrderLineRecord>> LinesByCustomer);

    private static Data Generate(int customers = 1000, int seed = 42)
    {
        var generator = Generator(customers, seed);
        var list = generator.Customers().ToList();
        var lines = generator.OrderLines().ToList();
        var byCustomer = lines.GroupBy(l => l.CustomerExternalId).ToDictionary(g => g.Key, g => g.ToList());
        return new Data(list, lines, byCustomer);
    }

    [Fact]
    public void Same_seed_size_and_reference_time_give_identical_data()
    {
        var a = Generator();
        var b = Generator();

        Assert.Equal(a.Customers().Take(200).Select(Describe).ToList(), b.Customers().Take(200).Select(Describe).ToList());
        Assert.Equal(a.OrderLines().Take(200).ToList(), b.OrderLines().Take(200).ToList());
        // Enumerating again (or in the other order) changes nothing.
        Assert.Equal(b.OrderLines().Take(200).ToList(), a.OrderLines().Take(200).ToList());
        Assert.Equal(a.Customers().Take(200).Select(Describe).ToList(), a.Customers().Take(200).Select(Describe).ToList());
    }

    [Fact]
    public void A_customer_does_not_depend_on_the_data_set_size()
    {
        var small = Generator(customers: 50).Customers().Select(Describe).ToList();
        var large = Generator(customers: 5000).Customers().Take(50).Select(Describe).ToList();
        Assert.Equal(small, large);
    }

    [Fact]
    public void A_different_seed_gives_different_data()
    {
        var a = Generator(seed: 42);
        var b = Generator(seed: 43);

        var customersA = a.Customers().Take(200).Select(Describe).ToList();
        var customersB = b.Customers().Take(200).Select(Describe).ToList();
        Assert.True(customersA.Zip(customersB).Count(p => p.First != p.Second) > 190);
        Assert.NotEqual(a.OrderLines().Take(200).ToList(), b.OrderLines().Take(200).ToList());
        // Ids are positional, so the two data sets name the same customers.
        Assert.Equal(a.Customers().Take(5).Select(c => c.ExternalId), b.Customers().Take(5).Select(c => c.ExternalId));
    }

    [Fact]
    public void Customers_follow_the_spec()
    {
        var data = Generate();
        Assert.Equal(1000, data.Customers.Count);

        for (var i = 0; i < data.Customers.Count; i++)
        {
            var c = data.Customers[i];
            Assert.Equal($"SUG-C{i + 1:D7}", c.ExternalId);
            Assert.Contains(c.City, SpecCities);
            Assert.Equal("India", c.Country);
            Assert.Contains(c.Gender, new[] { "female", "male", "other" });
            Assert.Contains(c.LastNameOf(), SpecLastNames);
            Assert.Equal($"{c.FirstName} {c.LastNameOf()}", c.Name);
            switch (c.Gender)
            {
                case "female": Assert.Contains(c.FirstName, FemaleNames); break;
                case "male": Assert.Contains(c.FirstName, MaleNames); break;
                default: Assert.Contains(c.FirstName, FemaleNames.Concat(MaleNames)); break;
            }

            Assert.Equal($"{c.FirstName}.{c.LastNameOf()}{i + 1}@example.com".ToLowerInvariant(), c.Email);
            Assert.Matches(EmailPattern(), c.Email!);
            Assert.Matches(PhonePattern(), c.Phone!);
            Assert.InRange(c.Tags.Length, 0, 2);
            Assert.Equal(c.Tags.Length, c.Tags.Distinct().Count());
            Assert.All(c.Tags, t => Assert.Contains(t, SpecTags));
            Assert.False(c.IsSynthetic);

            var createdAt = Assert.NotNull(c.CreatedAt);
            AssertWholeUtcSecond(createdAt);
            Assert.True(createdAt <= Reference);
            foreach (var optIn in new[] { c.Consent.EmailOptInAt, c.Consent.WhatsappOptInAt, c.Consent.SmsOptInAt, c.Consent.RcsOptInAt })
            {
                Assert.True(optIn is null || optIn == createdAt, "opt-in is at signup");
            }

            Assert.Null(c.Consent.EmailOptOutAt);
            Assert.Null(c.Consent.WhatsappOptOutAt);
            Assert.Null(c.Consent.SmsOptOutAt);
            Assert.Null(c.Consent.RcsOptOutAt);
        }

        Assert.Equal(1000, data.Customers.Select(c => c.Email).Distinct().Count());
        Assert.Equal(1000, data.Customers.Select(c => c.Phone).Distinct().Count());

        // Gender 78/18/4 and uniform cities, approximately (1,000 draws: ±4 points is > 3 σ).
        Assert.InRange(Share(data.Customers, c => c.Gender == "female"), 0.74, 0.82);
        Assert.InRange(Share(data.Customers, c => c.Gender == "male"), 0.14, 0.22);
        Assert.InRange(Share(data.Customers, c => c.Gender == "other"), 0.015, 0.07);
        Assert.Equal(SpecCities.Order(), data.Customers.Select(c => c.City!).Distinct().Order());
        Assert.All(data.Customers.CountBy(c => c.City!), kv => Assert.InRange(kv.Value, 50, 120));
        Assert.InRange(Share(data.Customers, c => c.Tags.Length == 0), 0.28, 0.39);
    }

    [Fact]
    public void Order_lines_follow_the_spec()
    {
        var data = Generate();
        var customerIds = data.Customers.Select(c => c.ExternalId!).ToHashSet();
        Assert.InRange(data.Lines.Count, 7000, 11000);

        foreach (var line in data.Lines)
        {
            Assert.Contains(line.CustomerExternalId, customerIds);
            var match = OrderIdPattern().Match(line.OrderExternalId);
            Assert.True(match.Success, line.OrderExternalId);
            Assert.Equal("SUG-C" + match.Groups[1].Value, line.CustomerExternalId);
            Assert.Equal("INR", line.Currency);
            Assert.False(line.IsCancellation);
            Assert.Equal(1, line.Quantity);
            Assert.True(SpecCatalogue.TryGetValue(line.ProductName, out var product), line.ProductName);
            Assert.Equal(product.Category, line.Category);
            Assert.InRange(line.UnitPrice, product.Base * 0.9m, product.Base * 1.6m);
            Assert.Equal(decimal.Round(line.UnitPrice, 2), line.UnitPrice);
            AssertWholeUtcSecond(line.OrderedAt);
            Assert.True(line.OrderedAt <= Reference, "no order after the reference time");
            Assert.True(line.OrderedAt > Reference - 731 * Day, "no order older than 730 days and a part");
            Assert.Null(line.CustomerCountry);
        }

        // An order: 1–3 lines of distinct products, one customer, one time; order ids are unique across customers.
        var orders = data.Lines.GroupBy(l => l.OrderExternalId).ToList();
        foreach (var order in orders)
        {
            Assert.InRange(order.Count(), 1, 3);
            Assert.Equal(order.Count(), order.Select(l => l.Sku).Distinct().Count());
            Assert.Single(order.Select(l => l.CustomerExternalId).Distinct());
            Assert.Single(order.Select(l => l.OrderedAt).Distinct());
        }

        Assert.InRange(data.Lines.Count / (double)orders.Count, 1.85, 2.15);
        Assert.InRange(orders.Count / 1000.0, 4.1, 4.9); // the cohort table's mean is 4.5 orders per customer

        // Every SKU maps to one product name.
        Assert.Equal(13, data.Lines.Select(l => (l.Sku, l.ProductName)).Distinct().Count());

        // Category weights 30/18/22/15/8/7 (the distinct-product rule shifts them slightly).
        var categories = data.Lines.CountBy(l => l.Category!).ToDictionary();
        Assert.Equal(["eyes", "foundation", "fragrance", "lipstick", "nails", "skincare"], categories.Keys.Order());
        var expected = new Dictionary<string, double>
        {
            ["lipstick"] = 0.30, ["foundation"] = 0.18, ["skincare"] = 0.22, ["eyes"] = 0.15, ["nails"] = 0.08, ["fragrance"] = 0.07,
        };
        foreach (var (category, share) in expected)
        {
            Assert.InRange(categories[category] / (double)data.Lines.Count, share - 0.025, share + 0.025);
        }
    }

    [Fact]
    public void The_cohorts_shape_order_history_and_signup()
    {
        var data = Generate();

        var neverOrdered = 0;
        var vipTagged = (Heavy: 0, HeavyVip: 0, Others: 0, OthersVip: 0);
        var orderCounts = new List<int>();
        foreach (var c in data.Customers)
        {
            var signup = c.CreatedAt!.Value;
            if (!data.LinesByCustomer.TryGetValue(c.ExternalId!, out var lines))
            {
                neverOrdered++;
                orderCounts.Add(0);
                Assert.True(signup >= Reference - 400 * Day, "never-ordered customers signed up 0–400 days ago");
                continue;
            }

            var times = lines.GroupBy(l => l.OrderExternalId).Select(g => g.First().OrderedAt).ToList();
            Assert.Equal(times.Order(), times); // oldest order first
            orderCounts.Add(times.Count);
            Assert.InRange(times.Count, 1, 20);
            var first = times[0];
            var last = times[^1];
            Assert.True(signup <= first, "signup precedes the first order");
            Assert.True(first - signup <= 60 * Day, "by at most 60 days");
            Assert.True(Reference - last < 541 * Day, "the most recent order is at most 540 days old (churned)");
            for (var k = 1; k < times.Count; k++)
            {
                Assert.InRange(times[k] - times[k - 1], 19 * Day, 91 * Day); // 20–90 whole days plus time of day
            }

            if (times.Count >= 10)
            {
                // Only the vip cohort orders 10+ times: its last order is at most 40 days old and it carries "vip" more often.
                Assert.True(Reference - last < 41 * Day);
                vipTagged.Heavy++;
                vipTagged.HeavyVip += c.Tags.Contains("vip") ? 1 : 0;
            }
            else
            {
                vipTagged.Others++;
                vipTagged.OthersVip += c.Tags.Contains("vip") ? 1 : 0;
            }
        }

        Assert.InRange(neverOrdered / 1000.0, 0.05, 0.11); // 8%
        Assert.InRange(orderCounts.Count(n => n == 1) / 1000.0, 0.18, 0.28); // one-time 14% + churned 4.5% + new 4.5%
        Assert.InRange(orderCounts.Count(n => n >= 5) / 1000.0, 0.29, 0.39); // active 12% + vip 14% + lapsed 8%
        Assert.True(vipTagged.HeavyVip / (double)vipTagged.Heavy > 0.4, $"vip tag share among vips {vipTagged.HeavyVip}/{vipTagged.Heavy}");
        Assert.True(vipTagged.OthersVip / (double)vipTagged.Others < 0.25);
    }

    [Fact]
    public void The_evaluation_goals_have_audiences_at_the_default_size()
    {
        var data = Generate();
        var facts = data.Customers.Select(c =>
        {
            data.LinesByCustomer.TryGetValue(c.ExternalId!, out var lines);
            lines ??= [];
            var times = lines.Select(l => l.OrderedAt).Distinct().Order().ToList();
            return (Customer: c, Lines: lines, Orders: times.Count,
                FirstDays: times.Count > 0 ? (Reference - times[0]).TotalDays : double.NaN,
                LastDays: times.Count > 0 ? (Reference - times[^1]).TotalDays : double.NaN,
                Spent: lines.Sum(l => l.UnitPrice * l.Quantity));
        }).ToList();

        Assert.Contains(facts, f => (Reference - f.Customer.CreatedAt!.Value).TotalDays < 30 && f.Orders == 0); // g09
        Assert.Contains(facts, f => f.Orders == 1 && f.FirstDays < 14); // g18
        Assert.Contains(facts, f => f.FirstDays > 365 && f.LastDays < 30); // g19
        Assert.Contains(facts, f => f.Customer.Gender == "male" && f.Lines.Any(l => l.Category == "fragrance")); // g17
        Assert.Contains(facts, f => f.Orders > 0 && f.Spent / f.Orders > 1500); // g10
        Assert.Contains(facts, f => f.Customer.City == "Mumbai" && f.Spent > 5000); // g03
        Assert.Contains(facts, f => f.Lines.Any(l => l.Category == "fragrance") && f.Spent is >= 2000 and <= 8000); // g13
        Assert.Contains(facts, f => f.Customer.Tags.Contains("vip") && f.Customer.City == "Chennai"); // g12
    }

    [Fact]
    public void Consent_shares_match_the_spec_at_ten_thousand_customers()
    {
        var customers = Generator(customers: 10_000).Customers().ToList();
        Assert.InRange(Share(customers, c => c.Consent.EmailOptInAt is not null), 0.83, 0.87);
        Assert.InRange(Share(customers, c => c.Consent.WhatsappOptInAt is not null), 0.68, 0.72);
        Assert.InRange(Share(customers, c => c.Consent.SmsOptInAt is not null), 0.58, 0.62);
        Assert.InRange(Share(customers, c => c.Consent.RcsOptInAt is not null), 0.38, 0.42);
        Assert.InRange(Share(customers, c => c.Gender == "female"), 0.765, 0.795);
    }

    [Fact]
    public void Phones_and_emails_are_unique_at_the_largest_size()
    {
        var phones = new HashSet<long>();
        var count = 0;
        CustomerRecord? last = null;
        foreach (var c in Generator(customers: DemoDataOptions.MaxCustomers).Customers())
        {
            Assert.True(phones.Add(long.Parse(c.Phone.AsSpan(1))), c.Phone);
            count++;
            last = c;
        }

        Assert.Equal(1_000_000, count);
        Assert.Equal("SUG-C1000000", last!.ExternalId);
        Assert.EndsWith("1000000@example.com", last.Email); // e-mails carry the customer number, hence unique
        Assert.Matches(PhonePattern(), last.Phone!);
    }

    [Fact]
    public void The_catalogue_is_the_spec_catalogue()
    {
        var catalogue = DemoDataGenerator.Catalogue;
        Assert.Equal(13, catalogue.Count);
        Assert.Equal(SpecCatalogue.Keys.Order(), catalogue.Select(p => p.Name).Order());
        foreach (var (sku, name, category, basePrice) in catalogue)
        {
            Assert.Equal(SpecCatalogue[name], (category, basePrice));
            Assert.Matches(@"^SUG-[A-Z]{3}-\d{3}$", sku);
        }

        Assert.Equal(13, catalogue.Select(p => p.Sku).Distinct().Count());
        Assert.Equal("SUG-LIP-001", catalogue[0].Sku);
        Assert.Equal(SpecCities, DemoDataGenerator.Cities);
        Assert.Equal(SpecTags, DemoDataGenerator.Tags);
    }

    [Fact]
    public void The_cohort_table_is_the_spec_and_every_history_fits_in_730_days()
    {
        Assert.Equal(100, DemoBrand.Cohorts.Sum(c => c.SharePercent));
        Assert.Equal(100, DemoBrand.CategoryWeights.Sum());
        Assert.Equal([17, 14, 20, 18, 14, 9, 8], DemoBrand.Cohorts.Select(c => c.SharePercent));
        Assert.Equal("vip", DemoBrand.Cohorts[DemoBrand.VipCohortIndex].Name);
        Assert.All(DemoBrand.Cohorts, c =>
            Assert.True(c.MaxRecentDays + DemoBrand.MinStepDays * Math.Max(0, c.MaxOrders - 1) <= DemoBrand.MaxOrderAgeDays, c.Name));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void Sizes_outside_one_to_a_million_are_refused(int customers)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new DemoDataOptions(customers));
        Assert.Contains("1,000,000", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoDataOptions() with { Customers = customers });
    }

    [Fact]
    public void One_customer_is_enough()
    {
        var generator = new DemoDataGenerator(new DemoDataOptions(Customers: 1), Reference);
        Assert.Single(generator.Customers());
        Assert.All(generator.OrderLines(), l => Assert.Equal("SUG-C0000001", l.CustomerExternalId));
    }

    [Fact]
    public void The_reference_time_is_truncated_to_whole_utc_seconds_and_can_come_from_the_options_or_a_clock()
    {
        var odd = new DateTimeOffset(2025, 6, 1, 17, 30, 0, 999, TimeSpan.FromHours(5.5));
        var generator = new DemoDataGenerator(new DemoDataOptions(300), odd);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), generator.ReferenceTime);
        Assert.Equal(TimeSpan.Zero, generator.ReferenceTime.Offset);
        Assert.All(generator.OrderLines(), l => Assert.True(l.OrderedAt <= generator.ReferenceTime));

        var clock = new FixedClock(Reference);
        Assert.Equal(Reference, new DemoDataGenerator(new DemoDataOptions(), clock).ReferenceTime);
        var fromOptions = new DemoDataGenerator(new DemoDataOptions(ReferenceTime: Reference.AddDays(-3)), clock);
        Assert.Equal(Reference.AddDays(-3), fromOptions.ReferenceTime);

        // The same data whichever way the reference time arrives.
        Assert.Equal(
            Generator(customers: 100).OrderLines().ToList(),
            new DemoDataGenerator(new DemoDataOptions(100), clock).OrderLines().ToList());
    }

    private static double Share(List<CustomerRecord> customers, Func<CustomerRecord, bool> predicate) =>
        customers.Count(predicate) / (double)customers.Count;

    private static void AssertWholeUtcSecond(DateTimeOffset time)
    {
        Assert.Equal(TimeSpan.Zero, time.Offset);
        Assert.Equal(0, time.Ticks % TimeSpan.TicksPerSecond);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

internal static class DemoCustomerExtensions
{
    /// <summary>The last name: the part of <see cref="CustomerRecord.Name"/> after the first name.</summary>
    public static string LastNameOf(this CustomerRecord c) => c.Name![(c.FirstName!.Length + 1)..];
}
