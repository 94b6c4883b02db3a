using System.Globalization;
using System.Text;

namespace Reach.Crm.Tests.Segmentation;

/// <summary>A small, varied, deterministic data set with an independent in-memory model of every customer's metrics.</summary>
public static class SegmentTestData
{
    /// <summary>The reference time the data and the segments use.</summary>
    public static readonly DateTimeOffset AsOf = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly string?[] Cities = ["Mumbai", "Pune", "Delhi", null, "São Paulo", "100%_City", "mumbai"];
    public static readonly string?[] Countries = ["India", "United Kingdom", "Germany", null];
    public static readonly string?[] Genders = ["female", "male", "other", null];
    public static readonly string[] TagPool = ["vip", "new", "discount-lover", "50%_club"];
    public static readonly string[] ChannelPool = ["whatsapp", "sms", "email", "rcs"];

    public static readonly (string Sku, string Name, string Category)[] Products =
    [
        ("LIP-1", "Matte Lipstick", "lipstick"),
        ("LIP-2", "Gloss Lipstick", "lipstick"),
        ("SKN-1", "Vitamin C Serum", "skincare"),
        ("MUG-1", "50% Off Mug", "home"),
        ("LAN-1", "Lantern_Large", "home"),
        ("EYE-1", "Lash Mascara", "eyes"),
    ];

    public sealed record Line(string Sku, string Name, string Category, int Quantity, decimal UnitPrice);

    public sealed record Order(string Id, DateTimeOffset At, bool Cancelled, IReadOnlyList<Line> Lines)
    {
        public decimal Total => Math.Round(Lines.Sum(l => l.Quantity * l.UnitPrice), 2);
    }

    public sealed record Customer(
        string Id, string? City, string? Country, string? Gender, string[] Tags, DateTimeOffset CreatedAt,
        string? Email, string? Phone, string[] Consents, IReadOnlyList<Order> Orders)
    {
        private IEnumerable<Order> Placed => Orders.Where(o => !o.Cancelled);
        public int OrderCount => Placed.Count();
        public decimal TotalSpent => Orders.Sum(o => o.Total);
        public decimal AvgOrderValue => OrderCount > 0 ? Math.Round(TotalSpent / OrderCount, 2) : 0;
        public DateTimeOffset? FirstOrderAt => Placed.Select(o => (DateTimeOffset?)o.At).Min();
        public DateTimeOffset? LastOrderAt => Placed.Select(o => (DateTimeOffset?)o.At).Max();
        public IEnumerable<string> Categories => Placed.SelectMany(o => o.Lines).Select(l => l.Category).Distinct();
        public IEnumerable<string> ProductNames => Placed.SelectMany(o => o.Lines).Select(l => l.Name).Distinct();

        /// <summary>When a campaign last reached the customer (dispatch writes it in the CRM; the fixture inserts it); null: never.</summary>
        public DateTimeOffset? LastContactedAt { get; init; }
    }

    /// <summary>60 customers: every field takes nulls, edge values and LIKE wildcards somewhere.</summary>
    public static IReadOnlyList<Customer> Customers { get; } = Build();

    private static List<Customer> Build()
    {
        var rng = new Random(7);
        var list = new List<Customer>();
        var orderNo = 0;
        for (var i = 1; i <= 60; i++)
        {
            var tags = TagPool.Where(_ => rng.NextDouble() < 0.3).ToArray();
            var consents = ChannelPool.Where(_ => rng.NextDouble() < 0.5).ToArray();
            var created = AsOf.AddDays(-rng.Next(0, 400)).AddSeconds(-rng.Next(0, 86_400));
            var orders = new List<Order>();
            var nOrders = i % 7 == 0 ? 0 : rng.Next(1, 6);
            for (var k = 0; k < nOrders; k++)
            {
                var at = AsOf.AddDays(-rng.Next(0, 300)).AddSeconds(-rng.Next(1, 86_400));
                var lines = Enumerable.Range(0, rng.Next(1, 3)).Select(_ =>
                {
                    var p = Products[rng.Next(Products.Length)];
                    return (p, price: Math.Round(100m + rng.Next(0, 300000) / 100m, 2));
                }).DistinctBy(x => x.p.Sku).ToList();
                var cancelled = k > 0 && rng.NextDouble() < 0.15;
                orders.Add(new Order($"SO-{++orderNo}", at, cancelled,
                    lines.Select(x => new Line(x.p.Sku, x.p.Name, x.p.Category, cancelled ? -1 : rng.Next(1, 4), x.price)).ToList()));
            }

            list.Add(new Customer($"S-{i:D3}", Cities[rng.Next(Cities.Length)], Countries[rng.Next(Countries.Length)],
                Genders[rng.Next(Genders.Length)], tags, created,
                i % 11 == 0 ? null : $"s{i}@example.com", i % 5 == 0 ? null : $"+91981{i:D7}", consents, orders));
        }

        // Last contacts: two customers in three, 0–120 days before the reference time; one after it (a historical data
        // set replayed with an old reference time, contacted today).
        for (var i = 0; i < list.Count; i++)
        {
            if (i % 3 != 2)
            {
                list[i] = list[i] with { LastContactedAt = i == 4 ? AsOf.AddDays(3) : AsOf.AddDays(-(i * 7 % 121)).AddSeconds(-(i * 997 % 86_400)) };
            }
        }

        // Exact edges for days conditions: an order and a last contact exactly 30 days (and a second under) before the reference time.
        list.Add(new Customer("S-EDGE-30", "Pune", "India", "female", [], AsOf.AddDays(-30), "edge30@example.com", null, ["email"],
            [new Order("SO-EDGE-30", AsOf.AddDays(-30), false, [new Line("LIP-1", "Matte Lipstick", "lipstick", 1, 499m)])]) { LastContactedAt = AsOf.AddDays(-30) });
        list.Add(new Customer("S-EDGE-29", "Pune", "India", "male", [], AsOf.AddDays(-30).AddSeconds(1), null, "+919800000001", ["sms"],
            [new Order("SO-EDGE-29", AsOf.AddDays(-30).AddSeconds(1), false, [new Line("SKN-1", "Vitamin C Serum", "skincare", 2, 699m)])])
            { LastContactedAt = AsOf.AddDays(-30).AddSeconds(1) });
        return list;
    }

    private static string Csv(string? s) => s is null ? "" : s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The customers in Reach's customer CSV format.</summary>
    public static string CustomersCsv()
    {
        var sb = new StringBuilder("external_id,name,email,phone,city,country,gender,tags,created_at,whatsapp_opt_in_at,sms_opt_in_at,email_opt_in_at,rcs_opt_in_at\n");
        foreach (var c in Customers)
        {
            string Consent(string ch) => c.Consents.Contains(ch) ? Time(c.CreatedAt) : "";
            sb.Append(CultureInfo.InvariantCulture, $"{c.Id},Customer {c.Id},{Csv(c.Email)},{Csv(c.Phone)},{Csv(c.City)},{Csv(c.Country)},{Csv(c.Gender)},{string.Join(';', c.Tags)},{Time(c.CreatedAt)},{Consent("whatsapp")},{Consent("sms")},{Consent("email")},{Consent("rcs")}\n");
        }

        return sb.ToString();
    }

    /// <summary>The orders in Reach's order CSV format.</summary>
    public static string OrdersCsv()
    {
        var sb = new StringBuilder("order_id,customer_id,ordered_at,status,sku,product_name,category,quantity,unit_price\n");
        foreach (var c in Customers)
        {
            foreach (var o in c.Orders)
            {
                foreach (var l in o.Lines)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{o.Id},{c.Id},{Time(o.At)},{(o.Cancelled ? "cancelled" : "placed")},{l.Sku},{Csv(l.Name)},{l.Category},{l.Quantity},{l.UnitPrice}\n");
                }
            }
        }

        return sb.ToString();
    }
}
