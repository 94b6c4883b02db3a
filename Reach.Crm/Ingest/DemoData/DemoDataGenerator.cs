using System.Globalization;

namespace Reach.Crm.Ingest.DemoData;

/// <summary>
/// Deterministic generator of the demo beauty brand (DEMO-DATA.md): customers in 12 Indian cities with per-channel
/// consent, and their order lines (INR) shaped by behavioural cohorts. Both enumerations are streamed lazily, one
/// customer at a time, so a million customers and their ~9 million lines never sit in memory.
/// </summary>
/// <remarks>
/// <para>Every customer draws from its own random streams keyed by (seed, customer index), so
/// <see cref="Customers"/> and <see cref="OrderLines"/> agree with each other, either can be enumerated alone, and the
/// same seed, size and reference time always give identical output. The generator is immutable; enumerations may run
/// concurrently.</para>
/// <para>Times are UTC at whole seconds. An order "d days ago" is at the reference time minus d whole days minus a
/// random part of a day, so it is never after the reference time and its age in whole days is exactly d. Earlier orders
/// step back 20–90 days each; when a long order history (a vip with 20 orders) would reach past 730 days, the remaining
/// steps are narrowed (never below 20 days) so no order is older than 730 days plus part of a day. Signup precedes the
/// first order by 0–60 days; customers who never ordered signed up 0–400 days ago. Consent opt-ins are at signup.</para>
/// </remarks>
public sealed class DemoDataGenerator
{
    private const int SecondsPerDay = 86_400;
    private const int ScheduleStream = 0;
    private const int IdentityStream = 1;
    private const int LinesStream = 2;
    private const long PhoneSpace = 100_000_000; // 8 digits after +9198
    private const long PhoneMultiplier = 15_485_863; // prime, coprime to 10^8: index -> phone is a bijection

    private static readonly int MaxOrders = DemoBrand.Cohorts.Max(c => c.MaxOrders);
    private static readonly byte[] CohortByPercent = Expand(DemoBrand.Cohorts.Select(c => c.SharePercent));
    private static readonly byte[] CategoryByPercent = Expand(DemoBrand.CategoryWeights);
    private static readonly int[][] ProductsByCategory = DemoBrand.Categories
        .Select((_, c) => Enumerable.Range(0, DemoBrand.Products.Length).Where(p => DemoBrand.Products[p].CategoryIndex == c).ToArray())
        .ToArray();
    private static readonly int[] BasePaise = DemoBrand.Products.Select(p => p.BaseRupees * 100).ToArray();
    private static readonly string[] ProductCategory = DemoBrand.Products.Select(p => DemoBrand.Categories[p.CategoryIndex]).ToArray();
    private static readonly string[] FullNames = NameTable((f, l) => f + " " + l);
    private static readonly string[] EmailLocalParts = NameTable((f, l) => (f + "." + l).ToLowerInvariant());

    private readonly int _customers;
    private readonly int _seed;
    private readonly long _reference;
    private readonly long _phoneOffset;

    /// <summary>A generator whose "now" is <paramref name="referenceTime"/> (this overrides
    /// <see cref="DemoDataOptions.ReferenceTime"/>); it is converted to UTC and truncated to whole seconds.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The customer count is outside 1..1,000,000, or the reference time is
    /// too early to fit a two-year order history.</exception>
    public DemoDataGenerator(DemoDataOptions options, DateTimeOffset referenceTime)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Customers is < DemoDataOptions.MinCustomers or > DemoDataOptions.MaxCustomers)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Customers,
                $"The demo data set has {DemoDataOptions.MinCustomers:N0} to {DemoDataOptions.MaxCustomers:N0} customers.");
        }

        var earliest = DateTimeOffset.MinValue.AddDays(1000);
        if (referenceTime < earliest)
        {
            throw new ArgumentOutOfRangeException(nameof(referenceTime), referenceTime,
                $"The reference time must be after {earliest:O} so a two-year order history fits before it.");
        }

        Options = options;
        _customers = options.Customers;
        _seed = options.Seed;
        _reference = referenceTime.ToUnixTimeSeconds();
        ReferenceTime = DateTimeOffset.FromUnixTimeSeconds(_reference);
        _phoneOffset = (long)(DemoRandom.Mix((ulong)(uint)_seed ^ 0x5A5A5A5AUL) % PhoneSpace);
    }

    /// <summary>A generator whose "now" is <see cref="DemoDataOptions.ReferenceTime"/>, or else
    /// <paramref name="timeProvider"/>'s current UTC time at construction.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The customer count is outside 1..1,000,000.</exception>
    public DemoDataGenerator(DemoDataOptions options, TimeProvider timeProvider)
        : this(options ?? throw new ArgumentNullException(nameof(options)),
            options.ReferenceTime ?? (timeProvider ?? throw new ArgumentNullException(nameof(timeProvider))).GetUtcNow())
    {
    }

    /// <summary>The options the generator was created with.</summary>
    public DemoDataOptions Options { get; }

    /// <summary>"Now" for the data set (UTC, whole seconds): no order or signup is after it.</summary>
    public DateTimeOffset ReferenceTime { get; }

    /// <summary>
    /// The demo catalogue: 13 products in 6 categories (<c>lipstick</c>, <c>foundation</c>, <c>skincare</c>,
    /// <c>eyes</c>, <c>nails</c>, <c>fragrance</c>) with SKUs such as <c>SUG-LIP-001</c> and base prices in whole INR.
    /// Order lines sell them at 0.9–1.6 × the base price.
    /// </summary>
    public static IReadOnlyList<(string Sku, string Name, string Category, decimal BasePrice)> Catalogue { get; } =
        Array.AsReadOnly(DemoBrand.Products.Select(p => (p.Sku, p.Name, DemoBrand.Categories[p.CategoryIndex], (decimal)p.BaseRupees)).ToArray());

    /// <summary>The 12 cities customers live in (uniformly), all in India.</summary>
    public static IReadOnlyList<string> Cities { get; } = Array.AsReadOnly(DemoBrand.Cities);

    /// <summary>The tags a customer may carry (0–2 of them).</summary>
    public static IReadOnlyList<string> Tags { get; } = Array.AsReadOnly(DemoBrand.Tags);

    /// <summary>
    /// Streams the customers in order <c>SUG-C0000001</c>, <c>SUG-C0000002</c>, …: name, lower-case unique e-mail
    /// <c>first.last&lt;n&gt;@example.com</c>, unique phone <c>+9198</c> + 8 digits, city, country India, gender
    /// (female 78%, male 18%, other 4%), 0–2 tags, signup time and consent opted in at signup (e-mail 85%,
    /// WhatsApp 70%, SMS 60%, RCS 40%).
    /// </summary>
    public IEnumerable<CustomerRecord> Customers()
    {
        var times = new long[MaxOrders];
        for (var i = 0; i < _customers; i++)
        {
            yield return Customer(i, times);
        }
    }

    /// <summary>
    /// Streams every order line, customer by customer (same order as <see cref="Customers"/>) and, per customer, oldest
    /// order first. Order ids are <c>SUG-O&lt;customer number, 7 digits&gt;-&lt;order number, 2 digits&gt;</c>, e.g.
    /// <c>SUG-O0000001-01</c>; an order holds 1–3 lines of distinct products, each quantity 1 at a unit price in INR
    /// rounded to paise. There are no cancellations. About 8% of customers have no lines.
    /// </summary>
    public IEnumerable<OrderLineRecord> OrderLines()
    {
        var times = new long[MaxOrders];
        var lines = new PlannedLine[MaxOrders * DemoBrand.MaxLinesPerOrder];
        for (var i = 0; i < _customers; i++)
        {
            var orders = PlanOrders(i, times, out _, out _);
            if (orders == 0)
            {
                continue;
            }

            var count = PlanLines(i, orders, lines);
            var customerId = CustomerId(i);
            var currentOrder = -1;
            var orderId = "";
            var orderedAt = default(DateTimeOffset);
            for (var l = 0; l < count; l++)
            {
                var line = lines[l];
                if (line.Order != currentOrder)
                {
                    currentOrder = line.Order;
                    orderId = OrderId(i, currentOrder + 1);
                    orderedAt = DateTimeOffset.FromUnixTimeSeconds(times[orders - 1 - currentOrder]);
                }

                var product = DemoBrand.Products[line.Product];
                yield return new OrderLineRecord(orderId, customerId, orderedAt, DemoBrand.Currency, IsCancellation: false,
                    product.Sku, product.Name, ProductCategory[line.Product], Quantity: 1,
                    new decimal(line.Paise, 0, 0, isNegative: false, scale: 2));
            }
        }
    }

    /// <summary>The external id of the customer at zero-based <paramref name="index"/>: <c>SUG-C</c> + index+1 in 7 digits.</summary>
    internal static string CustomerId(int index) =>
        string.Create(12, index + 1, static (span, number) =>
        {
            "SUG-C".CopyTo(span);
            WriteDigits(span[5..], number);
        });

    private static string OrderId(int index, int orderNumber) =>
        string.Create(15, (Customer: index + 1, Order: orderNumber), static (span, n) =>
        {
            "SUG-O".CopyTo(span);
            WriteDigits(span.Slice(5, 7), n.Customer);
            span[12] = '-';
            WriteDigits(span[13..], n.Order);
        });

    private string Phone(int index) =>
        string.Create(13, (index * PhoneMultiplier + _phoneOffset) % PhoneSpace, static (span, number) =>
        {
            "+9198".CopyTo(span);
            WriteDigits(span[5..], number);
        });

    private static void WriteDigits(Span<char> destination, long value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (int)(value % 10));
            value /= 10;
        }
    }

    private CustomerRecord Customer(int index, long[] times)
    {
        PlanOrders(index, times, out var signupSeconds, out var cohort);
        var signup = DateTimeOffset.FromUnixTimeSeconds(signupSeconds);

        var rng = new DemoRandom(_seed, index, IdentityStream);
        var genderRoll = rng.Next(100);
        string gender;
        int first;
        if (genderRoll < DemoBrand.FemalePercent)
        {
            gender = DemoBrand.Female;
            first = rng.Next(DemoBrand.FemaleFirstNameCount);
        }
        else if (genderRoll < DemoBrand.FemalePercent + DemoBrand.MalePercent)
        {
            gender = DemoBrand.Male;
            first = DemoBrand.FemaleFirstNameCount + rng.Next(DemoBrand.FirstNames.Length - DemoBrand.FemaleFirstNameCount);
        }
        else
        {
            gender = DemoBrand.Other;
            first = rng.Next(DemoBrand.FirstNames.Length);
        }

        var nameIndex = first * DemoBrand.LastNames.Length + rng.Next(DemoBrand.LastNames.Length);
        var city = DemoBrand.Cities[rng.Next(DemoBrand.Cities.Length)];

        // Tags: 0–2 distinct, uniform; half of the vip cohort is additionally sure to carry "vip".
        var tagCount = rng.Next(3);
        var firstTag = rng.Next(DemoBrand.Tags.Length);
        var secondTag = rng.Next(DemoBrand.Tags.Length - 1);
        var forceVip = rng.Next(2) == 0 && cohort == DemoBrand.VipCohortIndex;
        if (secondTag >= firstTag)
        {
            secondTag++;
        }

        var hasVip = (tagCount >= 1 && firstTag == DemoBrand.VipTagIndex) || (tagCount == 2 && secondTag == DemoBrand.VipTagIndex);
        if (forceVip && !hasVip)
        {
            firstTag = DemoBrand.VipTagIndex; // distinct from secondTag, which is not vip
            tagCount = Math.Max(tagCount, 1);
        }

        string[] tags = tagCount switch
        {
            0 => [],
            1 => [DemoBrand.Tags[firstTag]],
            _ => [DemoBrand.Tags[firstTag], DemoBrand.Tags[secondTag]],
        };

        var consent = new ConsentRecord(
            EmailOptInAt: rng.Next(100) < DemoBrand.EmailOptInPercent ? signup : null,
            WhatsappOptInAt: rng.Next(100) < DemoBrand.WhatsappOptInPercent ? signup : null,
            SmsOptInAt: rng.Next(100) < DemoBrand.SmsOptInPercent ? signup : null,
            RcsOptInAt: rng.Next(100) < DemoBrand.RcsOptInPercent ? signup : null);

        return new CustomerRecord(
            CustomerId(index),
            FullNames[nameIndex],
            DemoBrand.FirstNames[first],
            string.Concat(EmailLocalParts[nameIndex], (index + 1).ToString(CultureInfo.InvariantCulture), "@example.com"),
            Phone(index),
            city,
            DemoBrand.Country,
            gender,
            tags,
            signup,
            consent);
    }

    /// <summary>
    /// The customer's cohort, order times (unix seconds, most recent first, in <paramref name="times"/>) and signup
    /// time. Returns the number of orders.
    /// </summary>
    private int PlanOrders(int index, long[] times, out long signup, out int cohortIndex)
    {
        var rng = new DemoRandom(_seed, index, ScheduleStream);
        cohortIndex = CohortByPercent[rng.Next(100)];
        var cohort = DemoBrand.Cohorts[cohortIndex];
        var orders = rng.Next(cohort.MinOrders, cohort.MaxOrders);
        if (orders == 0)
        {
            signup = _reference - rng.Next(DemoBrand.MaxNeverOrderedSignupDays * SecondsPerDay + 1);
            return 0;
        }

        var daysAgo = rng.Next(cohort.MinRecentDays, cohort.MaxRecentDays);
        times[0] = _reference - (long)daysAgo * SecondsPerDay - rng.Next(SecondsPerDay);
        for (var k = 1; k < orders; k++)
        {
            // Leave room for the remaining earlier orders at the minimum step, so none passes the maximum age.
            var room = DemoBrand.MaxOrderAgeDays - daysAgo - DemoBrand.MinStepDays * (orders - 1 - k);
            daysAgo += rng.Next(DemoBrand.MinStepDays, Math.Min(DemoBrand.MaxStepDays, room));
            times[k] = _reference - (long)daysAgo * SecondsPerDay - rng.Next(SecondsPerDay);
        }

        signup = times[orders - 1] - rng.Next(DemoBrand.MaxSignupLeadDays * SecondsPerDay + 1);
        return orders;
    }

    /// <summary>Fills <paramref name="lines"/> with the lines of <paramref name="orders"/> orders (oldest first); returns their count.</summary>
    private int PlanLines(int index, int orders, PlannedLine[] lines)
    {
        var rng = new DemoRandom(_seed, index, LinesStream);
        var count = 0;
        for (var order = 0; order < orders; order++)
        {
            var lineCount = 1 + rng.Next(DemoBrand.MaxLinesPerOrder);
            var used = 0;
            for (var l = 0; l < lineCount; l++)
            {
                int product;
                do
                {
                    var candidates = ProductsByCategory[CategoryByPercent[rng.Next(100)]];
                    product = candidates.Length == 1 ? candidates[0] : candidates[rng.Next(candidates.Length)];
                }
                while ((used & (1 << product)) != 0);

                used |= 1 << product;
                var factor = DemoBrand.MinPriceFactor + (DemoBrand.MaxPriceFactor - DemoBrand.MinPriceFactor) * rng.NextDouble();
                var paise = (int)Math.Round(BasePaise[product] * factor, MidpointRounding.AwayFromZero);
                lines[count++] = new PlannedLine(order, product, paise);
            }
        }

        return count;
    }

    /// <summary>A lookup of 100 entries: entry p is the item whose cumulative weight first exceeds p.</summary>
    private static byte[] Expand(IEnumerable<int> weights)
    {
        var table = new List<byte>(100);
        var item = 0;
        foreach (var weight in weights)
        {
            for (var w = 0; w < weight; w++)
            {
                table.Add((byte)item);
            }

            item++;
        }

        return table.Count == 100 ? table.ToArray() : throw new InvalidOperationException("Demo weights must sum to 100.");
    }

    private static string[] NameTable(Func<string, string, string> combine)
    {
        var table = new string[DemoBrand.FirstNames.Length * DemoBrand.LastNames.Length];
        for (var f = 0; f < DemoBrand.FirstNames.Length; f++)
        {
            for (var l = 0; l < DemoBrand.LastNames.Length; l++)
            {
                table[f * DemoBrand.LastNames.Length + l] = combine(DemoBrand.FirstNames[f], DemoBrand.LastNames[l]);
            }
        }

        return table;
    }

    private readonly record struct PlannedLine(int Order, int Product, int Paise);
}
