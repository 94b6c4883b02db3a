using Reach.Channel.Simulation;

namespace Reach.Channel.Tests;

/// <summary>The lifecycle decisions, checked over many messages without a host.</summary>
public sealed class LifecyclePlannerTests
{
    private const int Messages = 200_000;

    public static TheoryData<string, double, double, double, double, double> Table => new()
    {
        { "whatsapp", 0.95, 0.70, 0.90, 0.35, 0.22 },
        { "rcs", 0.93, 0.65, 0.85, 0.30, 0.20 },
        { "email", 0.97, 0.45, 0.80, 0.20, 0.12 },
        { "sms", 0.98, 0, 0, 0.18, 0.10 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Plays_the_conditional_probabilities_of_the_table(string channelName, double delivered, double opened, double read, double clicked, double converted)
    {
        Assert.True(ChannelKinds.TryParse(channelName, out var channel));
        var planner = new LifecyclePlanner(1234, new LifecycleOptions());
        var counts = new Dictionary<ReceiptType, int>();
        for (long id = 1; id <= Messages; id++)
        {
            foreach (var step in Play(planner, id, channel))
            {
                counts[step.Type] = counts.GetValueOrDefault(step.Type) + 1;
            }
        }

        double Count(ReceiptType t) => counts.GetValueOrDefault(t);
        Assert.Equal(Messages, Count(ReceiptType.Sent));
        Assert.Equal(Messages, Count(ReceiptType.Delivered) + Count(ReceiptType.Failed));
        Assert.Equal(delivered, Count(ReceiptType.Delivered) / Messages, 0.005);
        if (channel == ChannelKind.Sms)
        {
            Assert.Equal(0, Count(ReceiptType.Opened) + Count(ReceiptType.Read));
            Assert.Equal(clicked, Count(ReceiptType.Clicked) / Count(ReceiptType.Delivered), 0.01);
        }
        else
        {
            Assert.Equal(opened, Count(ReceiptType.Opened) / Count(ReceiptType.Delivered), 0.01);
            Assert.Equal(read, Count(ReceiptType.Read) / Count(ReceiptType.Opened), 0.01);
            Assert.Equal(clicked, Count(ReceiptType.Clicked) / Count(ReceiptType.Opened), 0.01);
        }

        Assert.Equal(converted, Count(ReceiptType.Converted) / Count(ReceiptType.Clicked), 0.02);
    }

    [Fact]
    public void Delays_values_and_reasons_stay_in_their_ranges()
    {
        var planner = new LifecyclePlanner(99, new LifecycleOptions());
        var reasons = new HashSet<string>();
        for (long id = 1; id <= 20_000; id++)
        {
            ReceiptType previous = ReceiptType.None;
            foreach (var step in Play(planner, id, ChannelKind.WhatsApp))
            {
                var range = step.Type switch
                {
                    ReceiptType.Sent => LifecycleTimings.Sent,
                    ReceiptType.Delivered or ReceiptType.Failed => LifecycleTimings.Outcome,
                    ReceiptType.Opened => LifecycleTimings.Opened,
                    ReceiptType.Read => LifecycleTimings.Read,
                    ReceiptType.Clicked => LifecycleTimings.Clicked,
                    _ => LifecycleTimings.Converted,
                };
                Assert.InRange(step.DelaySeconds, range.Min, range.Max);
                Assert.True(step.Type > previous, $"{step.Type} after {previous}");
                previous = step.Type;
            }

            if (previous == ReceiptType.Failed)
            {
                reasons.Add(planner.FailureReason(id));
            }

            Assert.InRange(planner.OrderValue(id, 1m), 399m, 2499m);
            Assert.InRange(planner.OrderValue(id, 1m / 105m) - Math.Round(planner.OrderValue(id, 1m) / 105m, 2), -0.01m, 0.01m);
        }

        Assert.Equal(["carrier_rejected", "invalid_number", "mailbox_full", "unsubscribed"], reasons.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_message_s_fate_depends_only_on_the_seed_and_its_id()
    {
        var a = new LifecyclePlanner(5, new LifecycleOptions());
        var b = new LifecyclePlanner(5, new LifecycleOptions());
        var c = new LifecyclePlanner(6, new LifecycleOptions());

        var fatesA = Enumerable.Range(1, 500).Select(id => string.Join(",", Play(a, id, ChannelKind.Email))).ToList();
        var fatesB = Enumerable.Range(1, 500).Reverse().Select(id => string.Join(",", Play(b, id, ChannelKind.Email))).Reverse().ToList();
        var fatesC = Enumerable.Range(1, 500).Select(id => string.Join(",", Play(c, id, ChannelKind.Email))).ToList();

        Assert.Equal(fatesA, fatesB);
        Assert.NotEqual(fatesA, fatesC);
    }

    private static List<PlannedEvent> Play(LifecyclePlanner planner, long id, ChannelKind channel)
    {
        var steps = new List<PlannedEvent>();
        var current = ReceiptType.None;
        while (planner.Next(id, channel, current) is { } next)
        {
            steps.Add(next);
            current = next.Type;
        }

        return steps;
    }
}
