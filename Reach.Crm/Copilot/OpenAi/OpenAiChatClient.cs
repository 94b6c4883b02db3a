using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Reach.Crm.Copilot.OpenAi;

/// <summary>
/// <see cref="IChatClient"/> over any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI's v1
/// endpoint, Ollama, vLLM, Groq) through the official OpenAI .NET SDK's <see cref="ChatClient"/>; used when
/// <c>Reach:Llm:Provider</c> is <c>openai</c>.
/// <list type="bullet">
/// <item>Messages: system/user/assistant text; an assistant message's <see cref="FunctionCallContent"/>s are sent as its
/// tool calls, each <see cref="FunctionResultContent"/> as a <c>tool</c> message. <see cref="ChatOptions"/>: tools
/// (<see cref="AIFunctionDeclaration"/>), tool mode, temperature, max output tokens, model, top-p, penalties, seed,
/// stop sequences, response format, instructions.</item>
/// <item>The reply: text, one <see cref="FunctionCallContent"/> per tool call in the model's order (arguments as
/// <see cref="System.Text.Json.JsonElement"/> values; unparseable arguments set <see cref="FunctionCallContent.Exception"/>),
/// usage, model, finish reason and response id.</item>
/// <item>Failures are <see cref="LlmException"/>s. 429, timeouts, network errors and 5xx are retried up to
/// <see cref="LlmOptions.MaxRetries"/> times with exponential backoff and jitter, honouring <c>Retry-After</c>; the SDK's
/// own retries are off. A missing API key fails at the first call, not at construction.</item>
/// <item>Each call is a <c>chat {model}</c> span (<see cref="GenAiTelemetry"/>), with message content only when
/// <paramref name="captureMessageContent"/> is set.</item>
/// </list>
/// The instance is thread-safe and meant to be a singleton.
/// </summary>
/// <param name="options">The <c>Reach:Llm</c> settings.</param>
/// <param name="captureMessageContent">Record prompts and completions as span events (<see cref="GenAiTelemetry.IsContentCaptureEnabled"/>).</param>
/// <param name="httpClient">The HttpClient to send with (e.g. from IHttpClientFactory); the SDK's shared one when null. Not disposed here.</param>
/// <param name="logger">Logs retries and failures (never the key or message content).</param>
public sealed class OpenAiChatClient(
    LlmOptions options,
    bool captureMessageContent = false,
    HttpClient? httpClient = null,
    ILogger<OpenAiChatClient>? logger = null) : IChatClient
{
    /// <summary>The <c>gen_ai.provider.name</c> of this client.</summary>
    public const string ProviderName = "openai";

    private readonly LlmOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly ConcurrentDictionary<string, ChatClient> _chatClients = new(StringComparer.Ordinal);
    private OpenAIClient? _client;

    /// <summary>First backoff delay (doubled per retry, ±20 % jitter) when the endpoint gives no <c>Retry-After</c>.</summary>
    internal TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest backoff delay.</summary>
    internal TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest <c>Retry-After</c> honoured; a longer one fails at once with <see cref="LlmErrorKind.RateLimited"/>.</summary>
    internal TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The client for the <c>Reach:Llm</c> section of <paramref name="configuration"/>, capturing content when
    /// <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT</c> is <c>true</c>. Never throws for missing settings: a
    /// missing key is reported by the first call.
    /// </summary>
    public static OpenAiChatClient Create(
        Microsoft.Extensions.Configuration.IConfiguration configuration,
        HttpClient? httpClient = null,
        ILogger<OpenAiChatClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new LlmOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration.GetSection(LlmOptions.Section), options);
        return new OpenAiChatClient(options, GenAiTelemetry.IsContentCaptureEnabled(configuration), httpClient, logger);
    }

    /// <summary>The model used when <see cref="ChatOptions.ModelId"/> is not set.</summary>
    public string DefaultModel => _options.Model;

    /// <inheritdoc />
    /// <exception cref="LlmException">The call failed; <see cref="LlmException.Kind"/> says why.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<AiChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var conversation = messages as IReadOnlyList<AiChatMessage> ?? [.. messages];
        var model = string.IsNullOrWhiteSpace(options?.ModelId) ? _options.Model?.Trim() ?? "" : options.ModelId.Trim();
        var endpoint = TryParseEndpoint(_options.Endpoint);

        using var activity = GenAiTelemetry.StartChat(ProviderName, model, endpoint?.Host, endpoint?.Port);
        GenAiTelemetry.RecordRequest(activity, options);
        if (captureMessageContent)
        {
            GenAiTelemetry.RecordContent(activity, ProviderName, conversation);
        }

        try
        {
            var chat = GetChatClient(model, endpoint);
            var body = OpenAiRequestMapper.BuildRequestBody(model, conversation, options);
            var response = await SendAsync(chat, body, model, endpoint!, cancellationToken).ConfigureAwait(false);
            GenAiTelemetry.RecordResponse(activity, response);
            if (captureMessageContent)
            {
                GenAiTelemetry.RecordContent(activity, ProviderName, [], response);
            }

            return response;
        }
        catch (Exception e)
        {
            GenAiTelemetry.RecordError(activity, e);
            if (e is LlmException llm)
            {
                _logger.LogInformation("Model call to {Endpoint} ({Model}) failed: {Kind}: {Message}", endpoint, model, llm.Kind, llm.Message);
            }

            throw;
        }
    }

    /// <summary>
    /// Not token-by-token: this calls <see cref="GetResponseAsync"/> and yields the complete response as updates
    /// (<see cref="ChatResponse.ToChatResponseUpdates"/>), so <c>ToChatResponseAsync()</c> on the stream gives the same
    /// response, usage included. The copilot shows tool cards per step, which only need whole responses.
    /// </summary>
    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AiChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return new ChatClientMetadata(ProviderName, TryParseEndpoint(_options.Endpoint), _options.Model);
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Nothing to release: the HttpClient, if given, belongs to the caller.</summary>
    public void Dispose()
    {
    }

    private async Task<ChatResponse> SendAsync(ChatClient chat, BinaryData body, string model, Uri endpoint, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(_options.TimeoutSeconds > 0 ? _options.TimeoutSeconds : 60);
        var maxRetries = Math.Max(0, _options.MaxRetries);
        for (var attempt = 1; ; attempt++)
        {
            AttemptFailure failure;
            using (var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptCancellation.CancelAfter(timeout);
                try
                {
                    var result = await chat.CompleteChatAsync(BinaryContent.Create(body), new RequestOptions { CancellationToken = attemptCancellation.Token })
                        .ConfigureAwait(false);
                    return OpenAiResponseParser.Parse(result.GetRawResponse().Content, model);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = new AttemptFailure(LlmErrorKind.Timeout, null, true, null, e);
                }
                catch (ClientResultException e)
                {
                    failure = Classify(e);
                }
                catch (HttpRequestException e)
                {
                    failure = new AttemptFailure(LlmErrorKind.Unavailable, null, true, null, e);
                }
            }

            if (!failure.Retryable || attempt > maxRetries)
            {
                throw ToException(failure, attempt, model, endpoint, timeout);
            }

            var delay = failure.RetryAfter ?? Backoff(attempt);
            if (delay > MaxRetryAfter)
            {
                throw new LlmException(
                    failure.Kind,
                    $"the model endpoint asked Reach to wait {delay.TotalSeconds:0} s before retrying ({Describe(failure)}); try again later.",
                    failure.Status,
                    failure.Exception) { Attempts = attempt };
            }

            _logger.LogInformation(
                "Model call to {Endpoint} attempt {Attempt} failed ({Failure}); retrying in {Delay} ms",
                endpoint, attempt, Describe(failure), (long)delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private static AttemptFailure Classify(ClientResultException e)
    {
        var response = e.GetRawResponse();
        var status = e.Status;
        var retryAfter = response is null ? null : RetryAfter(response);
        return status switch
        {
            0 => new AttemptFailure(LlmErrorKind.Unavailable, null, true, null, e),
            401 or 403 => new AttemptFailure(LlmErrorKind.Authentication, status, false, null, e),
            404 => new AttemptFailure(LlmErrorKind.Configuration, status, false, null, e),
            408 => new AttemptFailure(LlmErrorKind.Timeout, status, true, retryAfter, e),
            429 => new AttemptFailure(LlmErrorKind.RateLimited, status, true, retryAfter, e),
            >= 500 => new AttemptFailure(LlmErrorKind.Unavailable, status, true, retryAfter, e),
            _ => new AttemptFailure(LlmErrorKind.Rejected, status, false, null, e),
        };
    }

    private LlmException ToException(AttemptFailure failure, int attempts, string model, Uri endpoint, TimeSpan timeout)
    {
        var server = failure.Exception is ClientResultException clientError && clientError.GetRawResponse() is { } response
            ? OpenAiResponseParser.ErrorMessage(response.Content) ?? NonEmpty(OpenAiResponseParser.Snippet(response.Content))
            : null;
        var said = server is null ? "" : $" The endpoint said: {server}";
        var tries = attempts == 1 ? "" : $" (after {attempts} attempts)";
        var message = failure.Kind switch
        {
            LlmErrorKind.Authentication =>
                $"the model endpoint refused the API key ({failure.Status}){tries}: check Reach:Llm:ApiKey for {endpoint}.{said}",
            LlmErrorKind.Configuration =>
                $"the model endpoint answered 404 for model '{model}' at {endpoint}: check Reach:Llm:Endpoint (the API's base URL, e.g. https://api.openai.com/v1) and Reach:Llm:Model.{said}",
            LlmErrorKind.RateLimited =>
                $"the model endpoint is rate limiting Reach (429){tries}; try again later or raise the quota.{said}",
            LlmErrorKind.Timeout when failure.Status is null =>
                $"the model endpoint did not answer within {timeout.TotalSeconds:0} s{tries} (Reach:Llm:TimeoutSeconds).",
            LlmErrorKind.Timeout =>
                $"the model endpoint timed out ({failure.Status}){tries}.{said}",
            LlmErrorKind.Unavailable when failure.Status is null =>
                $"the model endpoint {endpoint} could not be reached{tries}: {failure.Exception?.InnerException?.Message ?? failure.Exception?.Message}",
            LlmErrorKind.Unavailable =>
                $"the model endpoint failed ({failure.Status}){tries}.{said}",
            _ => $"the model endpoint rejected the request ({failure.Status}).{said}",
        };
        return new LlmException(failure.Kind, message, failure.Status, failure.Exception) { Attempts = attempts };
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = BaseRetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    /// <summary><c>retry-after-ms</c> (OpenAI, Azure), else <c>Retry-After</c> in seconds or as an HTTP date.</summary>
    internal static TimeSpan? RetryAfter(PipelineResponse response)
    {
        if (response.Headers.TryGetValue("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (!response.Headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? TimeSpan.FromTicks(Math.Max(0, (date - DateTimeOffset.UtcNow).Ticks))
            : null;
    }

    private ChatClient GetChatClient(string model, Uri? endpoint)
    {
        if (endpoint is null)
        {
            throw new LlmException(
                LlmErrorKind.Configuration,
                $"Reach:Llm:Endpoint '{_options.Endpoint}' is not an absolute http(s) URL; use the API's base URL, e.g. {LlmOptions.DefaultEndpoint} or http://localhost:11434/v1.");
        }

        if (string.IsNullOrWhiteSpace(_options.ApiKey))
        {
            throw new LlmException(
                LlmErrorKind.Configuration,
                $"Reach:Llm:ApiKey is not set: Reach:Llm:Provider is 'openai', which needs an API key for {endpoint}. "
                + "Set Reach:Llm:ApiKey (user secrets or the environment variable Reach__Llm__ApiKey; any placeholder for a local endpoint such as Ollama), "
                + "or set Reach:Llm:Provider to 'embedded'.");
        }

        if (model.Length == 0)
        {
            throw new LlmException(LlmErrorKind.Configuration, "Reach:Llm:Model is empty; set it to the model (or Azure deployment) name, e.g. gpt-4o-mini.");
        }

        return _chatClients.GetOrAdd(model, static (name, state) => state.Self.Client(state.Endpoint).GetChatClient(name), (Self: this, Endpoint: endpoint));
    }

    private OpenAIClient Client(Uri endpoint)
    {
        if (Volatile.Read(ref _client) is { } existing)
        {
            return existing;
        }

        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds((_options.TimeoutSeconds > 0 ? _options.TimeoutSeconds : 60) + 1),
            UserAgentApplicationId = "reach-crm",
        };
        if (httpClient is not null)
        {
            clientOptions.Transport = new HttpClientPipelineTransport(httpClient);
        }

        var created = new OpenAIClient(new ApiKeyCredential(_options.ApiKey!), clientOptions);
        return Interlocked.CompareExchange(ref _client, created, null) ?? created;
    }

    private static Uri? TryParseEndpoint(string? endpoint)
    {
        var text = string.IsNullOrWhiteSpace(endpoint) ? LlmOptions.DefaultEndpoint : endpoint.Trim();
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : null;
    }

    private static string Describe(AttemptFailure failure) =>
        failure.Status is { } status ? $"{status} {(HttpStatusCode)status}" : failure.Kind.ToString();

    private static string? NonEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
