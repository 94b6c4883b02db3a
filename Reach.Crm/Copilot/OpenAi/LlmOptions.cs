namespace Reach.Crm.Copilot.OpenAi;

/// <summary>
/// Which model drives the copilot, section <c>Reach:Llm</c>. With <see cref="Provider"/> <c>embedded</c> (the
/// default) the deterministic embedded planner runs: no key, no network. With <c>openai</c> any OpenAI-compatible
/// chat-completions endpoint is called through <see cref="OpenAiChatClient"/>.
/// </summary>
public sealed class LlmOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Reach:Llm";

    /// <summary>The value of <see cref="Provider"/> that selects the embedded planner.</summary>
    public const string EmbeddedProvider = "embedded";

    /// <summary>The value of <see cref="Provider"/> that selects an OpenAI-compatible endpoint.</summary>
    public const string OpenAiProvider = "openai";

    /// <summary>The endpoint used when <see cref="Endpoint"/> is not set.</summary>
    public const string DefaultEndpoint = "https://api.openai.com/v1";

    /// <summary><c>embedded</c> (default) or <c>openai</c>. Key <c>Reach:Llm:Provider</c>.</summary>
    public string Provider { get; set; } = EmbeddedProvider;

    /// <summary>
    /// Base URL of an OpenAI-compatible API, the part before <c>/chat/completions</c>: OpenAI
    /// (<c>https://api.openai.com/v1</c>, the default), Azure OpenAI's v1 endpoint
    /// (<c>https://{resource}.openai.azure.com/openai/v1</c>), Ollama (<c>http://localhost:11434/v1</c>), vLLM
    /// (<c>http://host:8000/v1</c>), Groq (<c>https://api.groq.com/openai/v1</c>). Key <c>Reach:Llm:Endpoint</c>.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Model (or Azure deployment) name, default <c>gpt-4o-mini</c>. Key <c>Reach:Llm:Model</c>.</summary>
    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>
    /// API key sent as a bearer token. Required with provider <c>openai</c>; for a local endpoint that ignores it
    /// (Ollama, vLLM) any placeholder works. Key <c>Reach:Llm:ApiKey</c> (keep it in user secrets or the environment).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Time allowed for one attempt of one model call, in seconds (default 60). Key <c>Reach:Llm:TimeoutSeconds</c>.</summary>
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// Retries after a rate limit (429), a timeout, a network failure or a 5xx, with exponential backoff and jitter
    /// honouring <c>Retry-After</c> (default 3). Key <c>Reach:Llm:MaxRetries</c>.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Whether <see cref="Provider"/> selects the OpenAI-compatible client (case-insensitive).</summary>
    public bool IsOpenAi => string.Equals(Provider?.Trim(), OpenAiProvider, StringComparison.OrdinalIgnoreCase);
}
