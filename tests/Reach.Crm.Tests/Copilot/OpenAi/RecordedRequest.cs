using System.Text.Json.Nodes;

namespace Reach.Crm.Tests.Copilot.OpenAi;

/// <summary>A request the <see cref="FakeOpenAiServer"/> received.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path, e.g. <c>/v1/chat/completions</c>.</param>
/// <param name="Authorization">The Authorization header.</param>
/// <param name="Body">The raw body.</param>
public sealed record RecordedRequest(string Method, string Path, string Authorization, string Body)
{
    /// <summary>The body as a JSON object.</summary>
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    /// <summary>The <c>messages</c> array of the body.</summary>
    public JsonArray Messages => Json["messages"]!.AsArray();
}
