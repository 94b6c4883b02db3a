using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Reach.Crm.Copilot.OpenAi;

/// <summary>
/// Spans for model calls and tool executions following the OpenTelemetry GenAI semantic conventions, shared by
/// every <see cref="IChatClient"/> in Reach (the OpenAI-compatible adapter uses provider name <c>openai</c>, the
/// embedded planner <c>reach.embedded</c>). A model call is a <c>chat {model}</c> client span:
/// <code>
/// using var activity = GenAiTelemetry.StartChat("reach.embedded", "reach-planner");
/// GenAiTelemetry.RecordRequest(activity, options);
/// if (captureContent) GenAiTelemetry.RecordContent(activity, "reach.embedded", messages);
/// try { var response = ...; GenAiTelemetry.RecordResponse(activity, response); if (captureContent) GenAiTelemetry.RecordContent(activity, "reach.embedded", [], response); }
/// catch (Exception e) { GenAiTelemetry.RecordError(activity, e); throw; }
/// </code>
/// Every method accepts a <see langword="null"/> activity (nobody listening) and then does nothing.
/// </summary>
public static class GenAiTelemetry
{
    /// <summary>The activity source of the copilot's spans (exported by the <c>Reach.*</c> wildcard of ServiceDefaults).</summary>
    public const string ActivitySourceName = "Reach.Crm.Copilot";

    /// <summary>
    /// Environment variable (or configuration key) that, set to <c>true</c>, records prompts and completions as span
    /// events. Off by default: they hold customer data.
    /// </summary>
    public const string CaptureMessageContentKey = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

    /// <summary>Name of the span attribute that carries an event's JSON body (span events have no body of their own).</summary>
    public const string EventContentAttribute = "gen_ai.event.content";

    /// <summary>The source every span of this class starts from.</summary>
    public static ActivitySource ActivitySource { get; } = new(ActivitySourceName);

    /// <summary>
    /// Whether message content may be recorded: <see cref="CaptureMessageContentKey"/> is <c>true</c> in
    /// <paramref name="configuration"/> (which normally includes the environment) or, failing that, in the process environment.
    /// </summary>
    public static bool IsContentCaptureEnabled(Microsoft.Extensions.Configuration.IConfiguration? configuration = null)
    {
        var value = configuration?[CaptureMessageContentKey] ?? Environment.GetEnvironmentVariable(CaptureMessageContentKey);
        return bool.TryParse(value?.Trim(), out var enabled) && enabled;
    }

    /// <summary>
    /// Starts the <c>chat {model}</c> client span of one model call with <c>gen_ai.operation.name</c>,
    /// <c>gen_ai.provider.name</c>, <c>gen_ai.request.model</c> and, when known, <c>server.address</c>/<c>server.port</c>.
    /// Returns <see langword="null"/> when nobody listens; dispose the result to end the span.
    /// </summary>
    /// <param name="providerName"><c>openai</c>, <c>reach.embedded</c>, …</param>
    /// <param name="model">The requested model.</param>
    /// <param name="serverAddress">Host of the endpoint, for remote models.</param>
    /// <param name="serverPort">Port of the endpoint, for remote models.</param>
    public static Activity? StartChat(string providerName, string model, string? serverAddress = null, int? serverPort = null)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        List<KeyValuePair<string, object?>> tags =
        [
            new("gen_ai.operation.name", "chat"),
            new("gen_ai.provider.name", providerName),
            new("gen_ai.request.model", model),
        ];
        if (!string.IsNullOrEmpty(serverAddress))
        {
            tags.Add(new("server.address", serverAddress));
        }

        if (serverPort is { } port)
        {
            tags.Add(new("server.port", port));
        }

        return ActivitySource.StartActivity(string.IsNullOrEmpty(model) ? "chat" : $"chat {model}", ActivityKind.Client, default(ActivityContext), tags);
    }

    /// <summary>
    /// Starts the <c>execute_tool {name}</c> span of one tool call (<c>gen_ai.operation.name</c> <c>execute_tool</c>,
    /// <c>gen_ai.tool.name</c>, <c>gen_ai.tool.call.id</c>, <c>gen_ai.tool.type</c> <c>function</c>).
    /// </summary>
    /// <param name="toolName">The function's name, e.g. <c>preview_audience</c>.</param>
    /// <param name="toolCallId">The model's id for the call.</param>
    /// <param name="description">The tool's description, if any.</param>
    public static Activity? StartExecuteTool(string toolName, string? toolCallId = null, string? description = null)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        List<KeyValuePair<string, object?>> tags =
        [
            new("gen_ai.operation.name", "execute_tool"),
            new("gen_ai.tool.name", toolName),
            new("gen_ai.tool.type", "function"),
        ];
        if (!string.IsNullOrEmpty(toolCallId))
        {
            tags.Add(new("gen_ai.tool.call.id", toolCallId));
        }

        if (!string.IsNullOrEmpty(description))
        {
            tags.Add(new("gen_ai.tool.description", description));
        }

        return ActivitySource.StartActivity($"execute_tool {toolName}", ActivityKind.Internal, default(ActivityContext), tags);
    }

    /// <summary>Records the request parameters that were set: temperature, max tokens, top-p, penalties, stop sequences, seed.</summary>
    public static void RecordRequest(Activity? activity, ChatOptions? options)
    {
        if (activity is null || options is null)
        {
            return;
        }

        if (options.Temperature is { } temperature)
        {
            activity.SetTag("gen_ai.request.temperature", (double)temperature);
        }

        if (options.MaxOutputTokens is { } maxTokens)
        {
            activity.SetTag("gen_ai.request.max_tokens", maxTokens);
        }

        if (options.TopP is { } topP)
        {
            activity.SetTag("gen_ai.request.top_p", (double)topP);
        }

        if (options.FrequencyPenalty is { } frequencyPenalty)
        {
            activity.SetTag("gen_ai.request.frequency_penalty", (double)frequencyPenalty);
        }

        if (options.PresencePenalty is { } presencePenalty)
        {
            activity.SetTag("gen_ai.request.presence_penalty", (double)presencePenalty);
        }

        if (options.Seed is { } seed)
        {
            activity.SetTag("gen_ai.request.seed", seed);
        }

        if (options.StopSequences is { Count: > 0 } stop)
        {
            activity.SetTag("gen_ai.request.stop_sequences", stop.ToArray());
        }
    }

    /// <summary>
    /// Records the outcome of a model call: <c>gen_ai.response.model</c>, <c>gen_ai.response.id</c>,
    /// <c>gen_ai.response.finish_reasons</c> (string array), <c>gen_ai.usage.input_tokens</c> and
    /// <c>gen_ai.usage.output_tokens</c>.
    /// </summary>
    public static void RecordResponse(Activity? activity, ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (activity is null)
        {
            return;
        }

        if (!string.IsNullOrEmpty(response.ModelId))
        {
            activity.SetTag("gen_ai.response.model", response.ModelId);
        }

        if (!string.IsNullOrEmpty(response.ResponseId))
        {
            activity.SetTag("gen_ai.response.id", response.ResponseId);
        }

        if (response.FinishReason is { } finishReason)
        {
            activity.SetTag("gen_ai.response.finish_reasons", new[] { finishReason.Value });
        }

        if (response.Usage?.InputTokenCount is { } input)
        {
            activity.SetTag("gen_ai.usage.input_tokens", input);
        }

        if (response.Usage?.OutputTokenCount is { } output)
        {
            activity.SetTag("gen_ai.usage.output_tokens", output);
        }
    }

    /// <summary>
    /// Records message content as span events — call it only when <see cref="IsContentCaptureEnabled"/> is true.
    /// Each input message becomes <c>gen_ai.system.message</c>, <c>gen_ai.user.message</c>,
    /// <c>gen_ai.assistant.message</c> or <c>gen_ai.tool.message</c>; each response message a <c>gen_ai.choice</c>.
    /// Every event carries <c>gen_ai.provider.name</c> and its JSON body in <see cref="EventContentAttribute"/>
    /// (<c>{"content":…,"tool_calls":[…]}</c>, <c>{"id":…,"content":…}</c> for tool results,
    /// <c>{"index":0,"finish_reason":…,"message":{…}}</c> for choices).
    /// </summary>
    /// <param name="activity">The chat span.</param>
    /// <param name="providerName">As given to <see cref="StartChat"/>.</param>
    /// <param name="messages">The prompt (may be empty when recording only the response).</param>
    /// <param name="response">The completion, if there is one yet.</param>
    public static void RecordContent(Activity? activity, string providerName, IEnumerable<ChatMessage> messages, ChatResponse? response = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (activity is null)
        {
            return;
        }

        foreach (var message in messages)
        {
            if (message.Role == ChatRole.Tool)
            {
                foreach (var result in message.Contents.OfType<FunctionResultContent>())
                {
                    AddEvent(activity, "gen_ai.tool.message", providerName, writer =>
                    {
                        writer.WriteString("id", result.CallId);
                        writer.WriteString("content", ChatContentJson.ResultToString(result));
                    });
                }

                continue;
            }

            var name = message.Role == ChatRole.System ? "gen_ai.system.message"
                : message.Role == ChatRole.Assistant ? "gen_ai.assistant.message"
                : "gen_ai.user.message";
            AddEvent(activity, name, providerName, writer => WriteMessageBody(writer, message));
        }

        if (response is null)
        {
            return;
        }

        var index = 0;
        foreach (var message in response.Messages)
        {
            var choiceIndex = index++;
            AddEvent(activity, "gen_ai.choice", providerName, writer =>
            {
                writer.WriteNumber("index", choiceIndex);
                if (response.FinishReason is { } finishReason)
                {
                    writer.WriteString("finish_reason", finishReason.Value);
                }

                writer.WriteStartObject("message");
                WriteMessageBody(writer, message);
                writer.WriteEndObject();
            });
        }
    }

    /// <summary>
    /// Marks the span failed: <c>error.type</c> (the HTTP status for an <see cref="LlmException"/> with one, else its
    /// kind in snake case, else the exception's type), status Error and an <c>exception</c> event.
    /// </summary>
    public static void RecordError(Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (activity is null)
        {
            return;
        }

        var errorType = exception switch
        {
            LlmException { StatusCode: { } status } => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            LlmException { Kind: LlmErrorKind.Malformed } => "malformed_response",
            LlmException llm => llm.Kind.ToString().ToLowerInvariant(),
            _ => exception.GetType().FullName ?? exception.GetType().Name,
        };
        activity.SetTag("error.type", errorType);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.AddException(exception);
    }

    private static void AddEvent(Activity activity, string name, string providerName, Action<Utf8JsonWriter> writeBody)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteEndObject();
        }

        var tags = new ActivityTagsCollection
        {
            ["gen_ai.provider.name"] = providerName,
            [EventContentAttribute] = System.Text.Encoding.UTF8.GetString(buffer.ToArray()),
        };
        activity.AddEvent(new ActivityEvent(name, tags: tags));
    }

    private static void WriteMessageBody(Utf8JsonWriter writer, ChatMessage message)
    {
        var text = message.Text;
        if (!string.IsNullOrEmpty(text))
        {
            writer.WriteString("content", text);
        }

        var calls = message.Contents.OfType<FunctionCallContent>().ToList();
        if (calls.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("tool_calls");
        foreach (var call in calls)
        {
            writer.WriteStartObject();
            writer.WriteString("id", call.CallId);
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", call.Name);
            writer.WriteString("arguments", ChatContentJson.ArgumentsToJson(call.Arguments));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
