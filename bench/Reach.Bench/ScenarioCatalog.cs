using Reach.Bench.Scenarios;

namespace Reach.Bench;

/// <summary>
/// Every scenario, in the order a full run executes them. Add new scenarios here. The order matters: demo-generation
/// makes the demo database the later ones share; campaign-launch launches the campaign whose queued messages receipts
/// and live-funnel use; dispatch empties the queue for its own campaigns, so it comes after them.
/// </summary>
public static class ScenarioCatalog
{
    /// <summary>All scenarios.</summary>
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new OnlineRetailImportScenario(),
        new DemoGenerationScenario(),
        new SegmentPreviewScenario(),
        new CustomerPageScenario(),
        new WebCustomerPageScenario(),
        new CampaignLaunchScenario(),
        new ReceiptsScenario(),
        new LiveFunnelScenario(),
        new DispatchScenario(),
        new CopilotPlannerScenario(),
    ];

    /// <summary>The scenarios whose name or tag is in <paramref name="selectors"/> (all of them when it is empty or holds <c>all</c>).</summary>
    /// <exception cref="ArgumentException">A selector matches no scenario.</exception>
    public static IReadOnlyList<IScenario> Select(IReadOnlyList<string> selectors)
    {
        if (selectors.Count == 0 || selectors.Any(s => s.Equals("all", StringComparison.OrdinalIgnoreCase)))
        {
            return All;
        }

        var unknown = selectors.Where(s => !All.Any(sc => Matches(sc, s))).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"unknown scenario(s) {string.Join(", ", unknown)}; known: {string.Join(", ", All.Select(s => s.Name).Concat(All.SelectMany(s => s.Tags)).Distinct())}");
        }

        return All.Where(sc => selectors.Any(s => Matches(sc, s))).ToList();
    }

    private static bool Matches(IScenario scenario, string selector) =>
        scenario.Name.Equals(selector, StringComparison.OrdinalIgnoreCase)
        || scenario.Tags.Any(t => t.Equals(selector, StringComparison.OrdinalIgnoreCase));
}
