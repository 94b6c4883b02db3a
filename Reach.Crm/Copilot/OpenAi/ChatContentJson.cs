using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Reach.Crm.Copilot.OpenAi;

/// <summary>JSON text of tool-call arguments and tool results, as the wire and the telemetry carry them.</summary>
internal static class ChatContentJson
{
    private static readonly JsonSerializerOptions Options = AIJsonUtilities.DefaultOptions;

    /// <summary>The arguments of a tool call as a JSON object (<c>{}</c> when there are none).</summary>
    public static string ArgumentsToJson(IDictionary<string, object?>? arguments) =>
        arguments is null ? "{}" : JsonSerializer.Serialize(arguments, Options.GetTypeInfo(typeof(IDictionary<string, object?>)));

    /// <summary>
    /// Parses a model's tool-call arguments into a <see cref="FunctionCallContent"/> whose values are
    /// <see cref="JsonElement"/>s. Arguments that are not a JSON object do not throw: the content's
    /// <see cref="FunctionCallContent.Exception"/> is set instead, so the tool loop can hand the error back to the model.
    /// </summary>
    public static FunctionCallContent ParseFunctionCall(string callId, string name, string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return new FunctionCallContent(callId, name, new Dictionary<string, object?>());
        }

        return FunctionCallContent.CreateFromParsedArguments(arguments, callId, name, static json =>
            (IDictionary<string, object?>?)JsonSerializer.Deserialize(json, Options.GetTypeInfo(typeof(IDictionary<string, object?>))));
    }

    /// <summary>
    /// The text sent back to the model for a tool result: a string as is, JSON values as their JSON text, other
    /// objects serialized to JSON; a failed call with no result becomes <c>{"error":"…"}</c>.
    /// </summary>
    public static string ResultToString(FunctionResultContent content)
    {
        switch (content.Result)
        {
            case null when content.Exception is { } exception:
                return new JsonObject { ["error"] = exception.Message }.ToJsonString();
            case null:
                return "null";
            case string text:
                return text;
            case JsonElement element:
                return element.GetRawText();
            case JsonDocument document:
                return document.RootElement.GetRawText();
            case JsonNode node:
                return node.ToJsonString();
            case BinaryData data:
                return data.ToString();
        }

        try
        {
            return JsonSerializer.Serialize(content.Result, Options.GetTypeInfo(content.Result.GetType()));
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException)
        {
            return content.Result.ToString() ?? "null";
        }
    }
}
