using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Reach.Crm.Copilot.Embedded;

/// <summary>
/// What the embedded planner reads from the conversation: the last user message, the tool calls and results of this
/// turn so far, and what earlier turns left (the segment, its filter, the staged draft) so follow-ups edit them.
/// Results are read only as data (numbers, ids), never as instructions.
/// </summary>
public sealed class PlannerContext
{
    /// <summary>A tool call with its result, if any.</summary>
    public sealed record ToolStep(string Name, IDictionary<string, object?> Arguments, JsonElement? Result);

    /// <summary>The latest user text.</summary>
    public string UserText { get; private init; } = "";

    /// <summary>Tool steps after the latest user message, in order.</summary>
    public IReadOnlyList<ToolStep> ThisTurn { get; private init; } = [];

    /// <summary>Tool steps before it, in order.</summary>
    public IReadOnlyList<ToolStep> Earlier { get; private init; } = [];

    /// <summary>The goal text that staged the current draft (the first user message of the conversation's latest new goal).</summary>
    public string? GoalText { get; private init; }

    /// <summary>Reads <paramref name="messages"/>.</summary>
    public static PlannerContext From(IEnumerable<ChatMessage> messages)
    {
        var list = messages.ToList();
        var lastUser = list.FindLastIndex(m => m.Role == ChatRole.User);
        var results = list.SelectMany(m => m.Contents.OfType<FunctionResultContent>()).GroupBy(r => r.CallId).ToDictionary(g => g.Key, g => g.First().Result);
        List<ToolStep> Steps(IEnumerable<ChatMessage> part) => part
            .SelectMany(m => m.Contents.OfType<FunctionCallContent>())
            .Select(c => new ToolStep(c.Name, c.Arguments ?? new Dictionary<string, object?>(), results.TryGetValue(c.CallId, out var r) ? AsJson(r) : null))
            .ToList();

        var earlier = Steps(list.Take(Math.Max(0, lastUser)));
        var goal = list.Take(Math.Max(0, lastUser)).Where(m => m.Role == ChatRole.User).Select(m => m.Text).LastOrDefault();
        return new PlannerContext
        {
            UserText = lastUser >= 0 ? list[lastUser].Text : "",
            ThisTurn = lastUser >= 0 ? Steps(list.Skip(lastUser + 1)) : [],
            Earlier = earlier,
            GoalText = goal,
        };
    }

    /// <summary>The latest successful result of <paramref name="tool"/> across the whole conversation.</summary>
    public ToolStep? Latest(string tool, bool thisTurnOnly = false) =>
        (thisTurnOnly ? ThisTurn : Earlier.Concat(ThisTurn)).LastOrDefault(s => s.Name == tool && s.Result is { } r && !r.TryGetProperty("error", out _));

    /// <summary>A number from a result.</summary>
    public static long? Long(JsonElement? result, string name) =>
        result is { } r && r.ValueKind == JsonValueKind.Object && r.TryGetProperty(name, out var v) && v.TryGetInt64(out var l) ? l : null;

    /// <summary>A string from a result or argument.</summary>
    public static string? Text(JsonElement? result, string name) =>
        result is { } r && r.ValueKind == JsonValueKind.Object && r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>An argument as JSON.</summary>
    public static JsonElement? Argument(ToolStep step, string name) =>
        step.Arguments.TryGetValue(name, out var v) ? AsJson(v) : null;

    private static JsonElement? AsJson(object? value) => value switch
    {
        null => null,
        JsonElement e => e,
        JsonDocument d => d.RootElement,
        string s when s.TrimStart().StartsWith('{') => JsonDocument.Parse(s).RootElement.Clone(),
        _ => JsonSerializer.SerializeToElement(value),
    };
}
