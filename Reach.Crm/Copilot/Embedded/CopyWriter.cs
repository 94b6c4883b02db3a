namespace Reach.Crm.Copilot.Embedded;

/// <summary>
/// Drafts message copy for an intent and channel with personalisation tokens and fallbacks
/// (<c>{{first_name | there}}</c>, <c>{{last_item | …}}</c>); SMS stays within one 160-character GSM-7 message.
/// </summary>
public static class CopyWriter
{
    /// <summary>A draft for <paramref name="intent"/> on <paramref name="channel"/>; <paramref name="focus"/> names what they bought or should try, <paramref name="offer"/> an offer the goal mentioned.</summary>
    public static string Draft(string intent, string channel, string? focus, string? offer)
    {
        var item = focus is null ? "favourites" : focus;
        var deal = offer is null ? null : $" {Capitalise(offer)} inside."
;
        if (channel == "sms")
        {
            return intent switch
            {
                "win-back" => $"Hi {{{{first_name | there}}}}, we miss you! Come back for 15% off your next order, code BACK15.{(offer is null ? "" : " " + Capitalise(offer) + " too.")}".Trim(),
                "reward" => "Thank you {{first_name | friend}}! You're one of our best customers: enjoy 20% off this week with code THANKS20.",
                "welcome" => "Welcome {{first_name | there}}! Here's 10% off your next order with code HELLO10. Happy shopping!",
                "cross-sell" => $"Hi {{{{first_name | there}}}}, loved your {{{{last_item | last order}}}}? Try our {item} range: 10% off with code TRY10.",
                "re-engage" => $"Hi {{{{first_name | there}}}}, ready for your next favourite?{(offer is null ? " 10% off with code AGAIN10." : " " + Capitalise(offer) + " waiting for you.")}",
                _ => "Hi {{first_name | there}}, something new just landed for you. Take a look this week!",
            };
        }

        var greeting = channel == "email" ? "Hi {{first_name | there}}," : "Hi {{first_name | there}} 👋";
        return intent switch
        {
            "win-back" => $"{greeting} we miss you! It's been a while since your {{{{last_item | last order}}}}. Come back this week and take 15% off your next order with code BACK15.{deal}",
            "reward" => $"{greeting} thank you for being one of our favourite customers. Here's an exclusive 20% off, just for you, with code THANKS20 — valid this week.{deal}",
            "welcome" => $"{greeting} welcome to the family! Enjoy 10% off your next order with code HELLO10 — we can't wait to see what you pick.{deal}",
            "cross-sell" => $"{greeting} loved your {{{{last_item | last order}}}}? We think you'll love our {item} range too — try it with 10% off using code TRY10.{deal}",
            "re-engage" => $"{greeting} ready for your next favourite? {(offer is null ? "Take 10% off this week with code AGAIN10." : Capitalise(offer) + " is waiting for you this week.")}",
            _ => $"{greeting} something new just landed in {{{{city | your city}}}} — have a look this week.{deal}",
        };
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
