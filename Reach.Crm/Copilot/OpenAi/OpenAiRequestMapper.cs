using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using OpenAiChatMessage = OpenAI.Chat.ChatMessage;
using OpenAiChatResponseFormat = OpenAI.Chat.ChatResponseFormat;

namespace Reach.Crm.Copilot.OpenAi;

/// <summary>
/// Turns Microsoft.Extensions.AI messages and options into the body of a <c>POST …/chat/completions</c>: messages and
/// tools are the OpenAI SDK's own types, serialized by the SDK.
/// </summary>
internal static class OpenAiRequestMapper
{
    private static readonly BinaryData EmptyObjectSchema = BinaryData.FromString("""{"type":"object","properties":{}}""");

    /// <summary>The request body for <paramref name="model"/>.</summary>
    public static BinaryData BuildRequestBody(string model, IEnumerable<AiChatMessage> messages, ChatOptions? options)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray([.. ToOpenAiMessages(messages, options?.Instructions).Select(Serialize)]),
        };

        foreach (var (name, value) in Serialize(ToOpenAiOptions(options)).AsObject().ToList())
        {
            body[name] = value?.DeepClone();
        }

        if (options?.Seed is { } seed)
        {
            body["seed"] = seed;
        }

        return BinaryData.FromString(body.ToJsonString());
    }

    /// <summary>
    /// Maps the conversation: system, user and assistant text; an assistant message's <see cref="FunctionCallContent"/>s
    /// become its <c>tool_calls</c>; each <see cref="FunctionResultContent"/> becomes a <c>tool</c> message.
    /// <paramref name="instructions"/> (<see cref="ChatOptions.Instructions"/>) lead as a system message.
    /// </summary>
    /// <exception cref="NotSupportedException">A message has a role other than system, user, assistant or tool.</exception>
    public static List<OpenAiChatMessage> ToOpenAiMessages(IEnumerable<AiChatMessage> messages, string? instructions = null)
    {
        List<OpenAiChatMessage> result = [];
        if (!string.IsNullOrWhiteSpace(instructions))
        {
            result.Add(new SystemChatMessage(instructions));
        }

        foreach (var message in messages)
        {
            var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
            if (message.Role == ChatRole.System)
            {
                result.Add(new SystemChatMessage(text));
            }
            else if (message.Role == ChatRole.User)
            {
                result.Add(new UserChatMessage(text));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                result.Add(ToAssistantMessage(message, text));
            }
            else if (message.Role != ChatRole.Tool)
            {
                throw new NotSupportedException($"Chat role '{message.Role}' is not supported by the OpenAI-compatible client (use system, user, assistant or tool).");
            }

            foreach (var toolResult in message.Contents.OfType<FunctionResultContent>())
            {
                result.Add(new ToolChatMessage(toolResult.CallId, ChatContentJson.ResultToString(toolResult)));
            }
        }

        return result;
    }

    /// <summary>
    /// Maps tools (<see cref="AIFunctionDeclaration"/>: name, description, JSON schema), tool mode, parallel tool calls,
    /// temperature, max output tokens, top-p, penalties, stop sequences and response format.
    /// </summary>
    /// <exception cref="NotSupportedException">A tool is not a function.</exception>
    public static ChatCompletionOptions ToOpenAiOptions(ChatOptions? options)
    {
        var result = new ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }

        result.Temperature = options.Temperature;
        result.MaxOutputTokenCount = options.MaxOutputTokens;
        result.TopP = options.TopP;
        result.FrequencyPenalty = options.FrequencyPenalty;
        result.PresencePenalty = options.PresencePenalty;
        foreach (var stop in options.StopSequences ?? [])
        {
            result.StopSequences.Add(stop);
        }

        foreach (var tool in options.Tools ?? [])
        {
            if (tool is not AIFunctionDeclaration function)
            {
                throw new NotSupportedException($"Tool '{tool.Name}' ({tool.GetType().Name}) is not a function; the OpenAI-compatible client only sends function tools.");
            }

            var schema = function.JsonSchema.ValueKind == JsonValueKind.Object
                ? BinaryData.FromString(function.JsonSchema.GetRawText())
                : EmptyObjectSchema;
            result.Tools.Add(ChatTool.CreateFunctionTool(function.Name, function.Description, schema));
        }

        if (result.Tools.Count > 0)
        {
            result.AllowParallelToolCalls = options.AllowMultipleToolCalls;
            result.ToolChoice = options.ToolMode switch
            {
                NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
                RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.CreateFunctionChoice(name),
                RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
                AutoChatToolMode => ChatToolChoice.CreateAutoChoice(),
                _ => null,
            };
        }

        result.ResponseFormat = options.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } json => OpenAiChatResponseFormat.CreateJsonSchemaFormat(
                json.SchemaName ?? "response", BinaryData.FromString(schema.GetRawText()), json.SchemaDescription, jsonSchemaIsStrict: null),
            ChatResponseFormatJson => OpenAiChatResponseFormat.CreateJsonObjectFormat(),
            ChatResponseFormatText => OpenAiChatResponseFormat.CreateTextFormat(),
            AiChatResponseFormat => null,
            null => null,
        };
        return result;
    }

    private static AssistantChatMessage ToAssistantMessage(AiChatMessage message, string text)
    {
        var calls = message.Contents.OfType<FunctionCallContent>()
            .Select(call => ChatToolCall.CreateFunctionToolCall(
                call.CallId, call.Name, BinaryData.FromString(ChatContentJson.ArgumentsToJson(call.Arguments))))
            .ToList();
        if (calls.Count == 0)
        {
            return new AssistantChatMessage(text);
        }

        var assistant = new AssistantChatMessage(calls);
        if (text.Length > 0)
        {
            assistant.Content.Add(ChatMessageContentPart.CreateTextPart(text));
        }

        return assistant;
    }

    private static JsonNode Serialize<T>(T model)
        where T : IPersistableModel<T> =>
        JsonNode.Parse(ModelReaderWriter.Write(model, ModelReaderWriterOptions.Json).ToMemory().Span)
        ?? throw new InvalidOperationException($"The OpenAI SDK serialized a {typeof(T).Name} as null.");
}
