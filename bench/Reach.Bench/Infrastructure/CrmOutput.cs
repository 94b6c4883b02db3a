using System.Text;
using System.Text.Json;

namespace Reach.Bench.Infrastructure;

/// <summary>Reads the JSON report a <c>Reach.Crm</c> CLI verb prints to standard output.</summary>
public static class CrmOutput
{
    /// <summary>
    /// Parses the first JSON object or array that starts a line of <paramref name="stdout"/> (anything a logger may
    /// have written before or after it is skipped).
    /// </summary>
    /// <exception cref="FormatException">No JSON value was found.</exception>
    public static JsonElement ParseReport(string stdout)
    {
        var index = 0;
        while (index < stdout.Length)
        {
            var lineEnd = stdout.IndexOf('\n', index);
            var first = stdout[index];
            if (first is '{' or '[')
            {
                try
                {
                    var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(stdout[index..]),
                        new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
                    using var doc = JsonDocument.ParseValue(ref reader);
                    return doc.RootElement.Clone();
                }
                catch (JsonException)
                {
                    // Not the report; keep looking.
                }
            }

            if (lineEnd < 0)
            {
                break;
            }

            index = lineEnd + 1;
        }

        throw new FormatException("the CRM printed no JSON report; its output was: " + Truncate(stdout));
    }

    /// <summary>The number at <paramref name="path"/> (property names), or null when a step is missing or not a number.</summary>
    public static long? Number(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) ? value : null;
    }

    /// <summary>The length of the array at <paramref name="name"/>, or 0 when absent.</summary>
    public static int Count(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.GetArrayLength()
            : 0;

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] + "…" : text;
}
