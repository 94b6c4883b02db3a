namespace Reach.Crm.Tests.Copilot.OpenAi;

/// <summary>One answer scripted into the <see cref="FakeOpenAiServer"/>.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Body">Response body (sent as <c>application/json</c>, whatever it holds).</param>
/// <param name="Headers">Extra response headers, e.g. <c>Retry-After</c>.</param>
/// <param name="Delay">Wait before answering (aborted with the request).</param>
internal sealed record ScriptedResponse(int Status, string Body, IReadOnlyDictionary<string, string> Headers, TimeSpan Delay);
