using System.Globalization;
using System.Text.Json;

namespace Reach.Crm.Ingest.Formats;

/// <summary>A JSON object read as text fields: strings as written, numbers and booleans as their JSON text, arrays of strings joined with <c>;</c>.</summary>
public sealed class JsonFieldSource(JsonElement element, long item) : IFieldSource
{
    /// <inheritdoc />
    public long Line => item;

    /// <inheritdoc />
    public string? EncodingError => null;

    /// <inheritdoc />
    public string? Get(string column)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(column, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Array => string.Join(';', value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>Property names of the object that the format does not know.</summary>
    public IEnumerable<string> UnknownProperties(IReadOnlyCollection<string> known) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n))
            : [];

    /// <summary>Formats a number for messages.</summary>
    public static string Describe(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
