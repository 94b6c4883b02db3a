using System.Text.Json;

namespace Reach.Web.Components.Shared;

/// <summary>Reads tool-call arguments and results, whose property names may be snake_case, camelCase or PascalCase.</summary>
public static class Json
{
    /// <summary>The property <paramref name="name"/> of <paramref name="element"/>, matched ignoring case and underscores.</summary>
    public static JsonElement? Get(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } e)
        {
            return null;
        }

        var wanted = name.Replace("_", "", StringComparison.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            if (string.Equals(p.Name.Replace("_", "", StringComparison.Ordinal), wanted, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    /// <summary>A string property, or null.</summary>
    public static string? Text(JsonElement? element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    /// <summary>A whole-number property, or null.</summary>
    public static long? Long(JsonElement? element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n) ? n : null;

    /// <summary>A decimal property, or null.</summary>
    public static decimal? Decimal(JsonElement? element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetDecimal(out var n) ? n : null;

    /// <summary>The items of an array property (none when absent).</summary>
    public static IEnumerable<JsonElement> Items(JsonElement? element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray() : [];
}
