using System.Globalization;
using System.Text.RegularExpressions;

namespace Reach.Crm.Copilot.Embedded;

/// <summary>One DSL condition the planner derived (serialised as <c>{ field, op, value }</c>).</summary>
public sealed record GoalCondition(string Field, string Op, object Value);

/// <summary>
/// What the planner understood of a goal.
/// </summary>
/// <param name="Conditions">The audience, AND-ed.</param>
/// <param name="Channel">A channel the goal asks for, or null.</param>
/// <param name="Intent">win-back, reward, cross-sell, welcome, re-engage or announce.</param>
/// <param name="Everyone">The goal targets all customers on purpose ("everyone").</param>
/// <param name="Offer">An offer the copy should mention ("a skincare bundle"), not a filter.</param>
public sealed record ParsedGoal(IReadOnlyList<GoalCondition> Conditions, string? Channel, string Intent, bool Everyone, string? Offer)
{
    /// <summary>True when the goal named an audience (or everyone).</summary>
    public bool HasAudience => Conditions.Count > 0 || Everyone;
}

/// <summary>
/// The embedded planner's reading of marketer language into the filter DSL (ARCHITECTURE §5, §9): recency
/// ("haven't ordered in 2 months", "inactive for 100+ days", "ordered in the last week"), first-order and signup
/// windows, categories and products matched against the catalogue, cities and countries from the data (with
/// common alternative names), spend and average order thresholds ("2k or more", "between 2000 and 8000", "£1,000"),
/// order counts ("one-time", "exactly twice", "8 or more"), gender, tags, consent and negations ("never bought",
/// "not from", "outside"), plus channel wishes. Conventions of the eval set: a week is 7 days, a month 30, a year 365;
/// "in the last N days" is <c>lt N</c>; "haven't ordered in N days" is <c>last_order_days_ago gt N</c>.
/// </summary>
public static partial class GoalParser
{

    private static readonly Dictionary<string, string> PlaceAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["uk"] = "United Kingdom", ["u.k."] = "United Kingdom", ["britain"] = "United Kingdom", ["great britain"] = "United Kingdom",
        ["england"] = "United Kingdom", ["usa"] = "USA", ["us"] = "USA", ["u.s."] = "USA", ["united states"] = "USA", ["america"] = "USA",
        ["holland"] = "Netherlands", ["the netherlands"] = "Netherlands", ["ireland"] = "EIRE", ["eire"] = "EIRE",
        ["bangalore"] = "Bengaluru", ["bombay"] = "Mumbai", ["calcutta"] = "Kolkata", ["madras"] = "Chennai",
        ["new delhi"] = "Delhi", ["poona"] = "Pune", ["uae"] = "United Arab Emirates", ["czechia"] = "Czech Republic",
        ["south africa"] = "RSA",
    };

    private static readonly Dictionary<string, string[]> CategorySynonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["eyes"] = ["eye products", "eye product", "eye makeup", "eye make-up", "eyes", "eye"],
        ["lipstick"] = ["lipsticks", "lipstick", "lip products", "lip colour", "lip color"],
        ["foundation"] = ["foundations", "foundation"],
        ["skincare"] = ["skincare", "skin care", "skin-care"],
        ["nails"] = ["nail polish", "nail paint", "nails"],
        ["fragrance"] = ["fragrances", "fragrance", "perfumes", "scents"],
    };

    /// <summary>Parses <paramref name="text"/> against <paramref name="catalogue"/>.</summary>
    public static ParsedGoal Parse(string text, Catalogue catalogue)
    {
        var s = " " + Normalise(text) + " ";
        var conditions = new List<GoalCondition>();
        var channel = ChannelWish(ref s);
        var offer = Offer(ref s);
        var everyone = EveryonePattern().IsMatch(s);

        Consent(ref s, conditions);
        Recency(ref s, conditions);
        Counts(ref s, conditions);
        Spend(ref s, conditions);
        Gender(ref s, conditions);
        Tags(ref s, conditions, catalogue);
        Places(ref s, conditions, catalogue);
        Bought(ref s, conditions, catalogue);

        var intent = Intent(text, conditions);
        // "customers opted in to WhatsApp": the consent named is the channel wished for, unless another was named.
        channel ??= conditions.Where(c => c.Field == "consent").Select(c => (string)c.Value).FirstOrDefault();
        return new ParsedGoal(Dedupe(conditions), channel, intent, everyone && conditions.Count == 0, offer);
    }

    /// <summary>Lower case, one space between words, typographic quotes and currency signs simplified.</summary>
    public static string Normalise(string text) =>
        Spaces().Replace(text.ToLowerInvariant().Replace('’', '\'').Replace('‘', '\'').Replace("₹", " rs ").Replace("£", " gbp ")
            .Replace("$", " usd ").Replace("…", " ").Replace('?', ' ').Replace('!', ' ').Replace(';', ' '), " ").Trim()
        .TrimEnd('.');

    private static string? ChannelWish(ref string s)
    {
        string? found = null;
        foreach (Match m in ChannelPattern().Matches(s))
        {
            found = ChannelName(m.Groups["ch"].Value);
        }

        if (found is null && SendChannelPattern().Match(s) is { Success: true } send)
        {
            found = ChannelName(send.Groups["ch"].Value);
        }

        if (found is null && LeadingChannelVerbPattern().Match(s) is { Success: true } verb)
        {
            found = ChannelName(verb.Groups["ch"].Value);
        }

        s = ChannelPattern().Replace(s, " ");
        s = SendChannelPattern().Replace(s, " ");
        s = LeadingChannelVerbPattern().Replace(s, " ");
        return found;
    }

    /// <summary>The DSL name of a channel word.</summary>
    public static string ChannelName(string word) => word switch
    {
        "whatsapp" or "whats app" or "wa" => "whatsapp",
        "sms" or "text" or "texts" or "text message" or "text messages" => "sms",
        "email" or "e-mail" or "mail" or "emails" or "e-mails" => "email",
        _ => "rcs",
    };

    private static string? Offer(ref string s)
    {
        var m = OfferPattern().Match(s);
        if (!m.Success)
        {
            return null;
        }

        s = s.Remove(m.Index, m.Length).Insert(m.Index, " ");
        return m.Groups["offer"].Value.Trim();
    }

    private static void Consent(ref string s, List<GoalCondition> conditions)
    {
        foreach (Match m in ConsentPattern().Matches(s))
        {
            conditions.Add(new("consent", "eq", ChannelName(m.Groups["ch"].Value)));
        }

        s = ConsentPattern().Replace(s, " ");
    }

    private static void Recency(ref string s, List<GoalCondition> conditions)
    {
        // "haven't ordered yet", "never ordered": no orders at all.
        if (NeverOrderedPattern().IsMatch(s))
        {
            conditions.Add(new("order_count", "eq", 0));
            s = NeverOrderedPattern().Replace(s, " ");
        }

        s = Apply(s, FirstOrderAgoPattern(), m => conditions.Add(new("first_order_days_ago", Comparison(m.Groups["cmp"].Value, "gt"), Days(m))));
        s = Apply(s, FirstOrderWithinPattern(), m => conditions.Add(new("first_order_days_ago", "lt", Days(m))));
        s = Apply(s, SignupWithinPattern(), m => conditions.Add(new("signup_days_ago", "lt", Days(m))));
        s = Apply(s, SignupAgoPattern(), m => conditions.Add(new("signup_days_ago", Comparison(m.Groups["cmp"].Value, "gt"), Days(m))));
        s = Apply(s, InactivePattern(), m => conditions.Add(new("last_order_days_ago", m.Groups["plus"].Success ? "gte" : "gt", Days(m))));
        s = Apply(s, NotOrderedPattern(), m => conditions.Add(new("last_order_days_ago", m.Groups["least"].Success ? "gte" : "gt", Days(m))));
        s = Apply(s, NoOrderForPattern(), m => conditions.Add(new("last_order_days_ago", "gt", Days(m))));
        // "first-time customers from the last 2 weeks": the window is the first order's.
        var windowField = FirstTimePattern().IsMatch(s) ? "first_order_days_ago" : "last_order_days_ago";
        s = Apply(s, OrderedWithinPattern(), m => conditions.Add(new(windowField, "lt", Days(m))));
        s = Apply(s, LastOrderAgoPattern(), m => conditions.Add(new("last_order_days_ago", Comparison(m.Groups["cmp"].Value, "gt"), Days(m))));
    }

    private static void Counts(ref string s, List<GoalCondition> conditions)
    {
        s = Apply(s, OrderCountPattern(), m =>
        {
            var n = (int)Number(m.Groups["n"].Value);
            var cmp = m.Groups["cmp"].Value.Trim();
            var suffix = m.Groups["suffix"].Value.Trim();
            var op = suffix.Length > 0 ? (suffix.Contains("more") || suffix == "+" ? "gte" : "lte") : Comparison(cmp, "eq");
            conditions.Add(new("order_count", op, n));
        });
        s = Apply(s, TimesPattern(), m =>
        {
            var n = m.Groups["word"].Value switch { "once" => 1, "twice" => 2, "thrice" => 3, _ => (int)Number(m.Groups["n"].Value) };
            conditions.Add(new("order_count", Comparison(m.Groups["cmp"].Value, "eq"), n));
        });
        if (OneTimePattern().IsMatch(s) && !conditions.Any(c => c.Field == "order_count"))
        {
            conditions.Add(new("order_count", "eq", 1));
        }

        s = OneTimePattern().Replace(s, " customers ");
        if (RepeatPattern().IsMatch(s) && !conditions.Any(c => c.Field == "order_count"))
        {
            conditions.Add(new("order_count", "gte", 2));
            s = RepeatPattern().Replace(s, " customers ");
        }
    }

    private static void Spend(ref string s, List<GoalCondition> conditions)
    {
        s = Apply(s, AverageBetweenPattern(), m => conditions.Add(new("avg_order_value", "between", new[] { Number(m.Groups["a"].Value), Number(m.Groups["b"].Value) })));
        s = Apply(s, AveragePattern(), m => conditions.Add(new("avg_order_value", Comparison(m.Groups["cmp"].Value, "gt"), Number(m.Groups["n"].Value))));
        s = Apply(s, SpentBetweenPattern(), m => conditions.Add(new("total_spent", "between", new[] { Number(m.Groups["a"].Value), Number(m.Groups["b"].Value) })));
        s = Apply(s, SpentPattern(), m =>
        {
            var suffix = m.Groups["suffix"].Value;
            var op = suffix.Length > 0 ? (suffix.Contains("more") || suffix.Contains("above") ? "gte" : "lte") : Comparison(m.Groups["cmp"].Value, "gt");
            conditions.Add(new("total_spent", op, Number(m.Groups["n"].Value)));
        });
    }

    private static void Gender(ref string s, List<GoalCondition> conditions)
    {
        if (FemalePattern().IsMatch(s))
        {
            conditions.Add(new("gender", "eq", "female"));
            s = FemalePattern().Replace(s, " customers ");
        }
        else if (MalePattern().IsMatch(s))
        {
            conditions.Add(new("gender", "eq", "male"));
            s = MalePattern().Replace(s, " customers ");
        }
    }

    private static void Tags(ref string s, List<GoalCondition> conditions, Catalogue catalogue)
    {
        s = Apply(s, TaggedPattern(), m => conditions.Add(new("tag", "eq", m.Groups["tag"].Value.Trim())));
        // "vip customers": a tag of the data used as an adjective (but not one that is also a category: "fragrance buyers").
        foreach (var tag in catalogue.Tags.Where(t => !catalogue.Categories.Contains(t)).OrderByDescending(t => t.Length))
        {
            var pattern = new Regex($@"\b{Regex.Escape(tag)}s?\b(?=\s+(customers|members|clients|users))");
            if (pattern.IsMatch(s) && !conditions.Any(c => c.Field == "tag" && (string)c.Value == tag))
            {
                conditions.Add(new("tag", "eq", tag));
                s = pattern.Replace(s, " ");
            }
        }
    }

    private static void Places(ref string s, List<GoalCondition> conditions, Catalogue catalogue)
    {
        var names = new List<(string Phrase, string Field, string Value)>();
        foreach (var city in catalogue.Cities)
        {
            names.Add((city.ToLowerInvariant(), "city", city));
        }

        foreach (var country in catalogue.Countries)
        {
            names.Add((country.ToLowerInvariant(), "country", country));
        }

        foreach (var (alias, target) in PlaceAliases)
        {
            var city = catalogue.Cities.FirstOrDefault(c => c.Equals(target, StringComparison.OrdinalIgnoreCase));
            var country = catalogue.Countries.FirstOrDefault(c => c.Equals(target, StringComparison.OrdinalIgnoreCase));
            if (city is not null)
            {
                names.Add((alias, "city", city));
            }
            else if (country is not null)
            {
                names.Add((alias, "country", country));
            }
        }

        // Longest names first, each match blanked so "new delhi" is not read again as "delhi".
        var hits = new List<(int Index, string Field, string Value)>();
        var text = s;
        foreach (var (phrase, field, value) in names.OrderByDescending(n => n.Phrase.Length))
        {
            if (phrase.Length < 2)
            {
                continue;
            }

            var pattern = new Regex($@"(?<=[\s,(])(the\s+)?{Regex.Escape(phrase)}(?=[\s,.)'])");
            foreach (Match m in pattern.Matches(text))
            {
                if (phrase is "us" && !Regex.IsMatch(text[Math.Max(0, m.Index - 6)..m.Index], @"(in|from|the)\s*$"))
                {
                    continue; // "us" only as a place after "in/from/the"
                }

                hits.Add((m.Index, field, value));
                text = text.Remove(m.Index, m.Length).Insert(m.Index, new string('#', m.Length));
            }
        }

        if (hits.Count == 0)
        {
            return;
        }

        // Polarity: "outside / not in / not from / except / excluding / other than" before a run of places negates it.
        foreach (var group in hits.OrderBy(h => h.Index).GroupBy(h => h.Field))
        {
            var include = new List<string>();
            var exclude = new List<string>();
            foreach (var hit in group)
            {
                var before = text[..hit.Index];
                var negated = NegatedPlacePattern().IsMatch(before) &&
                              !Regex.IsMatch(before[NegatedPlacePattern().Matches(before)[^1].Index..], @"\b(who|with|that|and who|in the)\b");
                (negated ? exclude : include).Add(hit.Value);
            }

            if (include.Count > 0)
            {
                conditions.Add(include.Count == 1 ? new(group.Key, "eq", include[0]) : new(group.Key, "in", include.Distinct().ToArray()));
            }

            if (exclude.Count > 0)
            {
                conditions.Add(exclude.Count == 1 ? new(group.Key, "neq", exclude[0]) : new(group.Key, "not_in", exclude.Distinct().ToArray()));
            }
        }

        s = Regex.Replace(text, "#+", " ");
    }

    private static void Bought(ref string s, List<GoalCondition> conditions, Catalogue catalogue)
    {
        var phrases = new List<(string Phrase, bool Negated)>();
        foreach (Match m in NeverBoughtPattern().Matches(s))
        {
            phrases.AddRange(SplitItems(m.Groups["what"].Value).Select(p => (p, true)));
        }

        s = NeverBoughtPattern().Replace(s, " ");
        foreach (Match m in BoughtPattern().Matches(s))
        {
            phrases.AddRange(SplitItems(m.Groups["what"].Value).Select(p => (p, false)));
        }

        foreach (Match m in BuyersPattern().Matches(s))
        {
            // "send to our loyal mug buyers": the item is the longest tail that names a category or product.
            var words = m.Groups["what"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var skip = 0; skip < words.Length; skip++)
            {
                var tail = string.Join(' ', words.Skip(skip));
                var items = SplitItems(tail).ToList();
                if (items.All(i => MatchCategory(i, catalogue) is not null || MatchProduct(i, catalogue) is not null))
                {
                    phrases.AddRange(items.Select(p => (p, false)));
                    break;
                }
            }
        }

        var categories = new Dictionary<bool, List<string>> { [true] = [], [false] = [] };
        foreach (var (phrase, negated) in phrases)
        {
            var clean = Regex.Replace(phrase, @"^(the|a|an|any|some|our|their)\s+", "").Trim();
            if (clean.Length < 2 || StopWords.Contains(clean))
            {
                continue;
            }

            if (MatchCategory(clean, catalogue) is { } category)
            {
                categories[negated].Add(category);
            }
            else if (MatchProduct(clean, catalogue) is { } product)
            {
                conditions.Add(new("product", negated ? "not_in" : "contains", negated ? new[] { product } : product));
            }
        }

        foreach (var negated in new[] { false, true })
        {
            var list = categories[negated].Distinct().ToArray();
            if (list.Length > 0)
            {
                conditions.Add(new("category", negated ? "not_in" : "in", list));
            }
        }

    }

    private static readonly HashSet<string> StopWords = ["something", "anything", "from us", "products", "items", "stuff", "it", "them", "recently", "before", "again", "online"];

    private static IEnumerable<string> SplitItems(string what) =>
        Regex.Split(what, @"\s*(?:,|\bor\b|\band\b|/)\s*").Select(p => p.Trim()).Where(p => p.Length > 0);

    private static string? MatchCategory(string phrase, Catalogue catalogue)
    {
        foreach (var category in catalogue.Categories)
        {
            if (phrase == category || phrase == category + "s" || phrase.TrimEnd('s') == category)
            {
                return category;
            }

            if (CategorySynonyms.TryGetValue(category, out var synonyms) && synonyms.Contains(phrase))
            {
                return category;
            }
        }

        return null;
    }

    private static string? MatchProduct(string phrase, Catalogue catalogue)
    {
        var candidates = new List<string> { phrase };
        if (phrase.EndsWith("es", StringComparison.Ordinal) && phrase.Length > 4)
        {
            candidates.Add(phrase[..^2]);
        }

        if (phrase.EndsWith('s') && phrase.Length > 3)
        {
            candidates.Add(phrase[..^1]);
        }

        // "the vitamin c serum" → "vitamin c serum"; "lipstick products" → "lipstick".
        candidates.Add(Regex.Replace(phrase, @"\s+(products?|items?|range|collection)$", ""));
        foreach (var candidate in candidates.Where(c => c.Length >= 3))
        {
            if (catalogue.Products.Any(p => p.Contains(candidate, StringComparison.OrdinalIgnoreCase)))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Intent(string text, List<GoalCondition> conditions)
    {
        var t = text.ToLowerInvariant();
        if (Regex.IsMatch(t, @"\b(win back|win-back|winback|lapsed|miss (you|them)|come back|churn)") ||
            conditions.Any(c => c.Field == "last_order_days_ago" && c.Op is "gt" or "gte"))
        {
            return "win-back";
        }

        if (Regex.IsMatch(t, @"\b(welcome|signed up|sign-up|signup|new customers|first-time|first time)") ||
            conditions.Any(c => c.Field == "signup_days_ago") || conditions.Any(c => c.Field == "first_order_days_ago" && c.Op == "lt"))
        {
            return "welcome";
        }

        if (Regex.IsMatch(t, @"\b(thank|reward|vip|loyal|best customers|top customers)") || conditions.Any(c => c.Field == "tag" && c.Value is "vip"))
        {
            return "reward";
        }

        if (conditions.Any(c => c.Op == "not_in" && c.Field is "category" or "product") || Regex.IsMatch(t, @"\b(cross-sell|cross sell|upsell|introduce)"))
        {
            return "cross-sell";
        }

        if (Regex.IsMatch(t, @"\b(re-engage|reengage|re engage|nudge|remind|one-time|once)"))
        {
            return "re-engage";
        }

        return conditions.Any(c => c.Field is "category" or "product") ? "cross-sell" : "announce";
    }

    private static string Apply(string s, Regex pattern, Action<Match> onMatch)
    {
        foreach (Match m in pattern.Matches(s))
        {
            onMatch(m);
        }

        return pattern.Replace(s, " ");
    }

    private static int Days(Match m)
    {
        var n = m.Groups["n"].Success && m.Groups["n"].Value.Length > 0 ? Number(m.Groups["n"].Value) : 1;
        var unit = m.Groups["unit"].Value;
        var days = unit.StartsWith("week", StringComparison.Ordinal) ? 7
            : unit.StartsWith("fortnight", StringComparison.Ordinal) ? 14
            : unit.StartsWith("month", StringComparison.Ordinal) ? 30
            : unit.StartsWith("year", StringComparison.Ordinal) ? 365 : 1;
        return (int)Math.Round(n * days);
    }

    /// <summary>A number as marketers write it: "5,000", "2k", "1.5k", "twelve", "a".</summary>
    public static decimal Number(string text)
    {
        text = text.Trim().Replace(",", "");
        var words = new Dictionary<string, decimal>
        {
            ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
            ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
        };
        if (words.TryGetValue(text, out var w))
        {
            return w;
        }

        var k = text.EndsWith('k');
        var value = decimal.Parse(k ? text[..^1] : text, CultureInfo.InvariantCulture);
        return k ? value * 1000 : value;
    }

    private static string Comparison(string words, string fallback)
    {
        words = words.Trim();
        return words switch
        {
            "" => fallback,
            _ when Regex.IsMatch(words, @"^(at least|minimum of|min|no less than|not less than)$") => "gte",
            _ when Regex.IsMatch(words, @"^(at most|no more than|not more than|max|maximum of|up to)$") => "lte",
            _ when Regex.IsMatch(words, @"^(more than|over|above|greater than|upwards of|in excess of|>)$") => "gt",
            _ when Regex.IsMatch(words, @"^(less than|under|below|fewer than|<)$") => "lt",
            _ when Regex.IsMatch(words, @"^(exactly|just|only)$") => "eq",
            _ => fallback,
        };
    }

    private static List<GoalCondition> Dedupe(List<GoalCondition> conditions) =>
        conditions.GroupBy(c => (c.Field, c.Op, System.Text.Json.JsonSerializer.Serialize(c.Value))).Select(g => g.First()).ToList();

    private const string Cmp = @"(?<cmp>at least|at most|more than|less than|fewer than|greater than|no more than|no less than|not more than|upwards of|in excess of|over|above|under|below|exactly|minimum of|maximum of|up to|>|<)?\s*";
    private const string MoneyN = @"(?:rs\.?\s*|inr\s*|gbp\s*|usd\s*|eur\s*)?(?<n>\d[\d,]*(?:\.\d+)?k?)(?:\s*(?:rupees|rs|inr|pounds|gbp|quid|dollars|usd|euros|eur))?";
    private const string MoneyA = @"(?:rs\.?\s*|inr\s*|gbp\s*|usd\s*|eur\s*)?(?<a>\d[\d,]*(?:\.\d+)?k?)(?:\s*(?:rupees|rs|inr|pounds|gbp|quid|dollars|usd|euros|eur))?";
    private const string MoneyB = @"(?:rs\.?\s*|inr\s*|gbp\s*|usd\s*|eur\s*)?(?<b>\d[\d,]*(?:\.\d+)?k?)(?:\s*(?:rupees|rs|inr|pounds|gbp|quid|dollars|usd|euros|eur))?";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\b(everyone|everybody|all customers|all our customers|all of our customers|all shoppers|the whole list|whole base|entire base)\b")]
    private static partial Regex EveryonePattern();

    [GeneratedRegex(@"\b(?:over|via|by|on|through|using|with|in an?|as an?|per)\s+(?<ch>whatsapp|whats app|sms|text messages?|texts?|e-?mails?|mail|rcs)\b(?:\s+messages?)?")]
    private static partial Regex ChannelPattern();

    [GeneratedRegex(@"\b(?:send|sending|text|message)\s+(?:an?\s+)?(?<ch>whatsapp|sms|e-?mail|rcs)(?:\s+(?:message|campaign|blast))?\s*(?:to)?\b")]
    private static partial Regex SendChannelPattern();

    [GeneratedRegex(@"^\s*(?<ch>e-?mail|whatsapp|sms|text)\s+(?=customers|everyone|everybody|all|our|people|shoppers|buyers|the|users|anyone|women|men)")]
    private static partial Regex LeadingChannelVerbPattern();

    [GeneratedRegex(@"\bwith\s+(?:a|an|our|the|some)?\s*(?<offer>[\w\s%-]{1,40}?\s*(?:bundle|offer|discount|deal|coupon|voucher|sample|gift|code|sale|promo))\b")]
    private static partial Regex OfferPattern();

    [GeneratedRegex(@"\b(?:opted[\s-]?in(?:\s+to|\s+for)?|subscribed\s+to|consented\s+to|who\s+allow|reachable\s+(?:on|by))\s+(?<ch>whatsapp|sms|texts?|e-?mails?|rcs)\b")]
    private static partial Regex ConsentPattern();

    [GeneratedRegex(@"\b(?:haven'?t|have not|hasn'?t|has not|never|not yet|yet to)\s+(?:placed\s+an?\s+order|ordered|bought|purchased|shopped)(?:\s+(?:anything|yet))*(?=\s*$|\s+(?:and|but|who|from)\b|\s*,)|\b(?:no orders?|zero orders?)\s*(?:yet)?(?=\s*$|\s+(?:and|but|who|from)\b|\s*,)")]
    private static partial Regex NeverOrderedPattern();

    [GeneratedRegex(@"\bfirst\s+(?:order|purchase)\s+(?:was\s+|is\s+)?(?<cmp>more than|over|at least|less than|under)?\s*(?<n>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)?\s*(?<unit>days?|weeks?|months?|years?)\s+ago\b")]
    private static partial Regex FirstOrderAgoPattern();

    [GeneratedRegex(@"\bfirst\s+(?:order|purchase)\s+(?:was\s+|is\s+)?(?:in|within)\s+the\s+(?:last|past)\s+(?<n>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)?\s*(?<unit>days?|weeks?|fortnights?|months?|years?)\b")]
    private static partial Regex FirstOrderWithinPattern();

    [GeneratedRegex(@"\b(?:signed\s+up|joined|registered|sign[\s-]?ups?)\s+(?:in|within|during)\s+the\s+(?:last|past)\s+(?<n>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)?\s*(?<unit>days?|weeks?|fortnights?|months?|years?)\b")]
    private static partial Regex SignupWithinPattern();

    [GeneratedRegex(@"\b(?:signed\s+up|joined|registered)\s+(?<cmp>more than|over|at least|less than)?\s*(?<n>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)\s*(?<unit>days?|weeks?|months?|years?)\s+ago\b")]
    private static partial Regex SignupAgoPattern();

    [GeneratedRegex(@"\b(?:inactive|dormant|quiet|lapsed)\s+(?:for\s+)?(?:over\s+|more than\s+)?(?<n>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)(?<plus>\+)?\s*(?<unit>days?|weeks?|months?|years?)\b")]
    private static partial Regex InactivePattern();

    [GeneratedRegex(@"\b(?:haven'?t|have not|hasn'?t|has not|didn'?t|did not|not)\s+(?:ordered|bought|purchased|shopped|come back|came back|been back|returned|visited|placed\s+an?\s+order)(?:\s+(?:anything|again|with us|from us))?\s+(?:in|for|within|since)\s+(?:the\s+(?:last|past)\s+)?(?<least>at least\s+)?(?:over\s+|more than\s+|the\s+)?(?<n>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)?\s*(?<unit>days?|weeks?|fortnights?|months?|years?)\b")]
    private static partial Regex NotOrderedPattern();

    [GeneratedRegex(@"\bno\s+(?:orders?|purchases?)\s+(?:for|in|within|since)\s+(?:the\s+(?:last|past)\s+)?(?:over\s+|more than\s+)?(?<n>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)?\s*(?<unit>days?|weeks?|fortnights?|months?|years?)\b")]
    private static partial Regex NoOrderForPattern();

    [GeneratedRegex(@"\b(?:(?:who\s+)?(?:still\s+)?(?:ordered|bought|purchased|shopped|order(?:ed)?|active|placed\s+an?\s+order)\s+)?(?:in|within|during|from|over)\s+the\s+(?:last|past)\s+(?<n>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)?\s*(?<unit>days?|weeks?|fortnights?|months?|years?)\b")]
    private static partial Regex OrderedWithinPattern();

    [GeneratedRegex(@"\blast\s+(?:order|purchase)\s+(?:was\s+|is\s+)?(?<cmp>more than|over|at least|less than|under)?\s*(?<n>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)\s*(?<unit>days?|weeks?|months?|years?)\s+ago\b")]
    private static partial Regex LastOrderAgoPattern();

    [GeneratedRegex(@"\b(?:first[\s-]time|new)\s+(?:customers?|buyers?|shoppers?)\b")]
    private static partial Regex FirstTimePattern();

    [GeneratedRegex(@"\b(?:with\s+|who\s+(?:have\s+|has\s+)?(?:placed|made)\s+|having\s+)?" + Cmp + @"(?<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*(?<suffix>or\s+more|or\s+fewer|or\s+less|\+)?\s*(?:orders?|purchases?)\b")]
    private static partial Regex OrderCountPattern();

    [GeneratedRegex(@"\b(?:ordered|bought|purchased|shopped)\s+" + Cmp + @"(?:(?<word>once|twice|thrice)|(?<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+times)\b")]
    private static partial Regex TimesPattern();

    [GeneratedRegex(@"\b(?:one[\s-]time|single[\s-]order|first[\s-]time)\s+(?:customers?|buyers?|shoppers?|purchasers?)\b")]
    private static partial Regex OneTimePattern();

    [GeneratedRegex(@"\b(?:repeat|returning)\s+(?:customers?|buyers?|shoppers?)\b")]
    private static partial Regex RepeatPattern();

    [GeneratedRegex(@"\baverage\s+(?:order|basket|spend|order value|basket size)(?:\s+value)?\s+(?:is\s+|was\s+|of\s+)?between\s+" + MoneyA + @"\s+and\s+" + MoneyB)]
    private static partial Regex AverageBetweenPattern();

    [GeneratedRegex(@"\b(?:average|avg\.?|mean)\s+(?:order|basket|spend|order value|basket size)(?:\s+value)?\s+(?:is\s+|was\s+|of\s+)?" + Cmp + MoneyN)]
    private static partial Regex AveragePattern();

    [GeneratedRegex(@"\b(?:spent|spend|spending|spends|total spend|lifetime value|ltv)\s+(?:of\s+)?between\s+" + MoneyA + @"\s+and\s+" + MoneyB)]
    private static partial Regex SpentBetweenPattern();

    [GeneratedRegex(@"\b(?:spent|spend|spending|spends|total spend|lifetime value|ltv)\s+(?:of\s+|a total of\s+)?" + Cmp + MoneyN + @"(?<suffix>\s+or\s+(?:more|above|less|below))?")]
    private static partial Regex SpentPattern();

    [GeneratedRegex(@"\b(?:women|woman|female|females|ladies|lady|girls)\b")]
    private static partial Regex FemalePattern();

    [GeneratedRegex(@"\b(?:men|man|male|males|gentlemen|guys|boys)\b")]
    private static partial Regex MalePattern();

    [GeneratedRegex(@"\b(?:tagged(?:\s+as)?|with\s+(?:the\s+)?tag|labelled|labeled)\s+'?(?<tag>[\w-]+)'?")]
    private static partial Regex TaggedPattern();

    [GeneratedRegex(@"\b(?:outside(?:\s+of)?|not\s+(?:in|from|living in|based in)|except(?:\s+for|\s+those\s+in|\s+in)?|excluding|other than|apart from|but not)\s")]
    private static partial Regex NegatedPlacePattern();

    [GeneratedRegex(@"\b(?:never|haven'?t|have not|hasn'?t|has not|didn'?t|did not|not)\s+(?:ever\s+)?(?:bought|buy|purchased|purchase|ordered|order|tried)\s+(?:any\s+)?(?<what>[\w\s,/&'.-]+?)(?=\s+(?:but|and\s+(?:who|bought|have|has)|who|with|in|from|that|since|before|after|yet)\b|\s*,|\s*$)")]
    private static partial Regex NeverBoughtPattern();

    [GeneratedRegex(@"\b(?:bought|buy|buys|purchased|purchase|ordered|tried|love|loves|shop for|shopped for)\s+(?<what>(?!in\b|within\b|the\s+last\b|over\b|more\b|less\b|at\b|exactly\b|once\b|twice\b|from\b|anything\b)[\w\s,/&'.-]+?)(?=\s+(?:but|and\s+(?:who|have|has|haven|spent)|who|with|in|from|that|since|before|after|more|less|over|exactly|at least|yet|during|within|by|via)\b|\s*,|\s*$)")]
    private static partial Regex BoughtPattern();

    [GeneratedRegex(@"(?<what>(?:[\w'-]+\s+){0,5}?[\w'-]+)\s+(?:buyers?|shoppers?|purchasers?|lovers?|fans?|customers who bought)\b")]
    private static partial Regex BuyersPattern();
}
