using System.Globalization;
using Reach.Crm.Segmentation;
using Reach.Crm.Segmentation.Dsl;

namespace Reach.Crm.Copilot.Embedded;

/// <summary>
/// Picks the channel with a reason from the audience's consent coverage and the goal: a channel the marketer asked
/// for wins; otherwise the widest reach, preferring WhatsApp for win-back, re-engage and reward messages and e-mail
/// for announcements when they reach at least 90% as many people as the widest.
/// </summary>
public static class ChannelPicker
{
    /// <summary>The channel and why.</summary>
    public static (string Channel, string Reason) Pick(string? wish, long count, ReachableCounts reachable, string intent)
    {
        var coverage = new Dictionary<string, long>
        {
            ["whatsapp"] = reachable.Whatsapp, ["sms"] = reachable.Sms, ["email"] = reachable.Email, ["rcs"] = reachable.Rcs,
        };
        if (wish is not null)
        {
            return (wish, $"You asked for {SegmentDescriber.ChannelName(wish)}; it reaches {Share(coverage[wish], count)} of the audience (customers without consent or an address are left out at launch).");
        }

        var best = coverage.OrderByDescending(kv => kv.Value).ThenBy(kv => Preference(kv.Key)).First();
        var preferred = intent is "win-back" or "re-engage" or "reward" ? "whatsapp" : intent == "announce" ? "email" : null;
        if (preferred is not null && preferred != best.Key && coverage[preferred] >= 0.9 * best.Value && coverage[preferred] > 0)
        {
            return (preferred, $"{SegmentDescriber.ChannelName(preferred)} reaches {Share(coverage[preferred], count)} — close to the widest ({SegmentDescriber.ChannelName(best.Key)}, {Share(best.Value, count)}) — and suits a {intent} message.");
        }

        var others = string.Join(", ", coverage.Where(kv => kv.Key != best.Key).OrderByDescending(kv => kv.Value)
            .Select(kv => $"{SegmentDescriber.ChannelName(kv.Key)} {Share(kv.Value, count)}"));
        return (best.Key, $"{SegmentDescriber.ChannelName(best.Key)} has the widest consent coverage: {Share(best.Value, count)} of the audience ({others}).");
    }

    private static int Preference(string channel) => channel switch { "whatsapp" => 0, "email" => 1, "sms" => 2, _ => 3 };

    private static string Share(long n, long of) =>
        of == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{n:N0} ({100.0 * n / of:0}%)");
}
