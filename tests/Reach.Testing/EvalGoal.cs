using System.Text.Json;

namespace Reach.Testing;

/// <summary>
/// One marketer goal of <c>shared/eval/copilot-goals.jsonl</c> with the audience it must produce.
/// </summary>
/// <param name="Id">e.g. <c>g01</c>.</param>
/// <param name="Dataset"><c>sugar-demo</c> or <c>online-retail</c>.</param>
/// <param name="Goal">The goal as a marketer types it.</param>
/// <param name="Audience">The expected audience as a DSL definition (JSON text).</param>
/// <param name="Channel">The channel the goal names, if any.</param>
public sealed record EvalGoal(string Id, string Dataset, string Goal, string Audience, string? Channel)
{
    /// <summary>Reads every goal.</summary>
    public static IReadOnlyList<EvalGoal> Load()
    {
        var goals = new List<EvalGoal>();
        foreach (var line in File.ReadLines(TestData.CopilotGoals))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            goals.Add(new EvalGoal(
                r.GetProperty("id").GetString()!,
                r.GetProperty("dataset").GetString()!,
                r.GetProperty("goal").GetString()!,
                r.GetProperty("audience").GetRawText(),
                r.TryGetProperty("channel", out var ch) ? ch.GetString() : null));
        }

        return goals;
    }
}
