using System.ClientModel.Primitives;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AiChatFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Reach.Crm.Copilot.OpenAi;

/// <summary>
/// Reads a chat-completions response body into a <see cref="ChatResponse"/>. Parsed here rather than by the SDK's
/// model so that OpenAI-compatible servers that differ in small ways still work (a <c>null</c> or unknown
/// <c>finish_reason</c>, missing tool-call ids, arguments sent as an object, <c>reasoning_content</c>), and so that a
/// body that is not a chat completion fails with one clear <see cref="LlmException"/> of kind
/// <see cref="LlmErrorKind.Malformed"/>.
/// </summary>
internal static class OpenAiResponseParser
{
    private const int SnippetLength = 200;

    /// <summary>Parses <paramref name="body"/>; <paramref name="requestedModel"/> stands in when the body names none.</summary>
    /// <exception cref="LlmException">Kind <see cref="LlmErrorKind.Malformed"/>: the body is not a chat completion.</exception>
    public static ChatResponse Parse(BinaryData body, string requestedModel)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToMemory());
        }
        catch (JsonException e)
        {
            throw Malformed($"the body is not JSON ({e.Message}): {Snippet(body)}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Malformed($"expected a JSON object, got {root.ValueKind}: {Snippet(body)}");
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                throw Malformed($"it reported an error with a success status: {ErrorMessage(error) ?? Snippet(body)}");
            }

            if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            {
                throw Malformed($"it has no \"choices\": {Snippet(body)}");
            }

            var choice = choices[0];
            if (choice.ValueKind != JsonValueKind.Object
                || !choice.TryGetProperty("message", out var message)
                || message.ValueKind != JsonValueKind.Object)
            {
                throw Malformed($"choices[0] has no \"message\" object: {Snippet(body)}");
            }

            var id = String(root, "id");
            var created = root.TryGetProperty("created", out var createdElement) && createdElement.TryGetInt64(out var seconds) && seconds > 0
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : (DateTimeOffset?)null;
            var assistant = new AiChatMessage(ChatRole.Assistant, ReadContents(message))
            {
                MessageId = id,
                CreatedAt = created,
            };
            return new ChatResponse(assistant)
            {
                ResponseId = id,
                ModelId = String(root, "model") is { Length: > 0 } model ? model : requestedModel,
                CreatedAt = created,
                FinishReason = ToFinishReason(String(choice, "finish_reason")),
                Usage = root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object ? ReadUsage(usage) : null,
                RawRepresentation = TryReadCompletion(body),
            };
        }
    }

    /// <summary>The <c>error.message</c> of an OpenAI-style error body, if it has one.</summary>
    public static string? ErrorMessage(BinaryData? body)
    {
        if (body is null || body.ToMemory().IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToMemory());
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                ? ErrorMessage(error)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The start of a body, for error messages.</summary>
    public static string Snippet(BinaryData? body)
    {
        var text = body?.ToString() ?? "";
        return text.Length <= SnippetLength ? text : text[..SnippetLength] + "…";
    }

    /// <summary>Maps an OpenAI <c>finish_reason</c>; unknown values are kept as they are.</summary>
    public static AiChatFinishReason? ToFinishReason(string? value) => value switch
    {
        null or "" => null,
        "stop" => AiChatFinishReason.Stop,
        "length" => AiChatFinishReason.Length,
        "tool_calls" or "function_call" => AiChatFinishReason.ToolCalls,
        "content_filter" => AiChatFinishReason.ContentFilter,
        _ => new AiChatFinishReason(value),
    };

    private static List<AIContent> ReadContents(JsonElement message)
    {
        List<AIContent> contents = [];
        var reasoning = String(message, "reasoning_content") ?? String(message, "reasoning");
        if (!string.IsNullOrEmpty(reasoning))
        {
            contents.Add(new TextReasoningContent(reasoning));
        }

        if (message.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String && content.GetString() is { Length: > 0 } text)
            {
                contents.Add(new TextContent(text));
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && String(part, "text") is { Length: > 0 } partText)
                    {
                        contents.Add(new TextContent(partText));
                    }
                }
            }
        }

        if (String(message, "refusal") is { Length: > 0 } refusal)
        {
            contents.Add(new TextContent(refusal));
        }

        if (message.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var call in toolCalls.EnumerateArray())
            {
                contents.Add(ReadToolCall(call, index++));
            }
        }

        return contents;
    }

    private static FunctionCallContent ReadToolCall(JsonElement call, int index)
    {
        if (call.ValueKind != JsonValueKind.Object
            || !call.TryGetProperty("function", out var function)
            || function.ValueKind != JsonValueKind.Object
            || String(function, "name") is not { Length: > 0 } name)
        {
            throw Malformed($"tool_calls[{index}] has no function name: {call.GetRawText()}");
        }

        var callId = String(call, "id") is { Length: > 0 } id ? id : $"call_{index}_{Guid.NewGuid():N}";
        var arguments = function.TryGetProperty("arguments", out var args)
            ? args.ValueKind switch
            {
                JsonValueKind.String => args.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => args.GetRawText(),
            }
            : null;
        return ChatContentJson.ParseFunctionCall(callId, name, arguments);
    }

    private static UsageDetails ReadUsage(JsonElement usage)
    {
        var input = Int64(usage, "prompt_tokens");
        var output = Int64(usage, "completion_tokens");
        var details = new UsageDetails
        {
            InputTokenCount = input,
            OutputTokenCount = output,
            TotalTokenCount = Int64(usage, "total_tokens") ?? (input + output),
        };
        if (usage.TryGetProperty("prompt_tokens_details", out var inputDetails) && inputDetails.ValueKind == JsonValueKind.Object)
        {
            details.CachedInputTokenCount = Int64(inputDetails, "cached_tokens");
        }

        if (usage.TryGetProperty("completion_tokens_details", out var outputDetails) && outputDetails.ValueKind == JsonValueKind.Object)
        {
            details.ReasoningTokenCount = Int64(outputDetails, "reasoning_tokens");
        }

        return details;
    }

    /// <summary>The SDK's own model of the body, for <see cref="ChatResponse.RawRepresentation"/>, when the SDK can read it.</summary>
    private static ChatCompletion? TryReadCompletion(BinaryData body)
    {
        try
        {
            return ModelReaderWriter.Read<ChatCompletion>(body, ModelReaderWriterOptions.Json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    private static string? ErrorMessage(JsonElement error) => error.ValueKind switch
    {
        JsonValueKind.String => error.GetString(),
        JsonValueKind.Object => String(error, "message") ?? error.GetRawText(),
        _ => error.GetRawText(),
    };

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Int64(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static LlmException Malformed(string detail, Exception? inner = null) =>
        new(LlmErrorKind.Malformed, $"the model endpoint returned a malformed response: {detail}", innerException: inner);
}
