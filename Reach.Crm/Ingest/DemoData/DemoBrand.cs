namespace Reach.Crm.Ingest.DemoData;

/// <summary>
/// The demo brand's fixed vocabulary, exactly as DEMO-DATA.md lists it (the copilot evaluation set relies on these names).
/// </summary>
internal static class DemoBrand
{
    public const string Country = "India";
    public const string Currency = "INR";

    public static readonly string[] Cities =
    [
        "Mumbai", "Delhi", "Bengaluru", "Hyderabad", "Chennai", "Pune",
        "Kolkata", "Ahmedabad", "Jaipur", "Lucknow", "Chandigarh", "Surat",
    ];

    /// <summary>Female first names first, then male: <see cref="FemaleFirstNameCount"/> splits them.</summary>
    public static readonly string[] FirstNames =
    [
        "Aanya", "Diya", "Isha", "Kavya", "Meera", "Nisha", "Priya", "Riya", "Saanvi", "Tara",
        "Ananya", "Sneha", "Pooja", "Neha", "Simran", "Zara", "Myra",
        "Aarav", "Kabir", "Vihaan", "Rohan", "Arjun", "Aditya", "Ishaan",
    ];

    public const int FemaleFirstNameCount = 17;

    public static readonly string[] LastNames =
    [
        "Sharma", "Verma", "Patel", "Reddy", "Nair", "Iyer", "Gupta", "Mehta",
        "Singh", "Kapoor", "Joshi", "Desai", "Rao", "Bose", "Chopra", "Malhotra",
    ];

    /// <summary>Gender values as the customer format accepts them, with their share in percent.</summary>
    public const string Female = "female", Male = "male", Other = "other";
    public const int FemalePercent = 78, MalePercent = 18;

    public static readonly string[] Tags = ["new", "vip", "discount-lover", "skincare-fan", "makeup-fan", "fragrance"];
    public const int VipTagIndex = 1;

    /// <summary>Opt-in share per channel, percent.</summary>
    public const int EmailOptInPercent = 85, WhatsappOptInPercent = 70, SmsOptInPercent = 60, RcsOptInPercent = 40;

    public static readonly string[] Categories = ["lipstick", "foundation", "skincare", "eyes", "nails", "fragrance"];

    /// <summary>Weight of each of <see cref="Categories"/> when an order line picks a category (sums to 100).</summary>
    public static readonly int[] CategoryWeights = [30, 18, 22, 15, 8, 7];

    public static readonly DemoProduct[] Products =
    [
        new("SUG-LIP-001", "Matte Attack Liquid Lipstick", 0, 499),
        new("SUG-LIP-002", "Smudge Me Not Lipstick", 0, 599),
        new("SUG-LIP-003", "Nothing Else Matte-rs Lipstick", 0, 549),
        new("SUG-FND-001", "Ace Of Face Foundation Stick", 1, 899),
        new("SUG-FND-002", "Skin Foundation Drops", 1, 999),
        new("SUG-SKN-001", "Vitamin C Serum", 2, 699),
        new("SUG-SKN-002", "Hydrating Moisturiser", 2, 549),
        new("SUG-SKN-003", "Sunscreen SPF50", 2, 449),
        new("SUG-EYE-001", "Stroke Of Genius Eyeliner", 3, 399),
        new("SUG-EYE-002", "Lash Mob Mascara", 3, 599),
        new("SUG-EYE-003", "Blend The Rules Eyeshadow Palette", 3, 1299),
        new("SUG-NAI-001", "Tip Tac Toe Nail Lacquer", 4, 199),
        new("SUG-FRG-001", "Eau De Sugar Perfume", 5, 1199),
    ];

    /// <summary>Unit price = base × U(<see cref="MinPriceFactor"/>, <see cref="MaxPriceFactor"/>), rounded to paise.</summary>
    public const double MinPriceFactor = 0.9, MaxPriceFactor = 1.6;

    /// <summary>The cohort table (shares sum to 100). Index <see cref="VipCohortIndex"/> is the vip cohort.</summary>
    public static readonly DemoCohort[] Cohorts =
    [
        new("active", 17, 3, 9, 0, 25),
        new("vip", 14, 8, 20, 0, 40),
        new("lapsed", 20, 2, 6, 61, 150),
        new("churned", 18, 1, 4, 180, 540),
        new("one-time", 14, 1, 1, 10, 300),
        new("new", 9, 1, 2, 0, 14),
        new("registered", 8, 0, 0, 0, 0),
    ];

    public const int VipCohortIndex = 1;

    /// <summary>Earlier orders step back this many whole days each from the next one.</summary>
    public const int MinStepDays = 20, MaxStepDays = 90;

    /// <summary>No order is more than this many whole days (plus part of a day) before the reference time.</summary>
    public const int MaxOrderAgeDays = 730;

    /// <summary>Signup precedes the first order by up to this many days.</summary>
    public const int MaxSignupLeadDays = 60;

    /// <summary>Customers who never ordered signed up up to this many days before the reference time.</summary>
    public const int MaxNeverOrderedSignupDays = 400;

    public const int MaxLinesPerOrder = 3;
}
