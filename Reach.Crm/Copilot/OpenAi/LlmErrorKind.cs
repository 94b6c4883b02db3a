namespace Reach.Crm.Copilot.OpenAi;

/// <summary>Why a model call failed (<see cref="LlmException.Kind"/>).</summary>
public enum LlmErrorKind
{
    /// <summary>Reach's own settings are missing or invalid (no API key, a bad endpoint URL, a 404 for the model or path).</summary>
    Configuration,

    /// <summary>The endpoint refused the credentials (401 or 403).</summary>
    Authentication,

    /// <summary>The endpoint kept answering 429 after every retry, or asked to wait longer than Reach is willing to.</summary>
    RateLimited,

    /// <summary>Every attempt exceeded <see cref="LlmOptions.TimeoutSeconds"/>.</summary>
    Timeout,

    /// <summary>The endpoint answered 2xx with something that is not a chat completion.</summary>
    Malformed,

    /// <summary>The endpoint could not be reached or kept failing (network error, 5xx) after every retry.</summary>
    Unavailable,

    /// <summary>The endpoint rejected the request itself (another 4xx, e.g. the context is too long or a parameter is unsupported).</summary>
    Rejected,
}
