using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reach.Crm.Tests.Copilot.OpenAi;

/// <summary>
/// A loopback OpenAI-compatible endpoint on a real port (Kestrel): <c>POST /v1/chat/completions</c> answers with the
/// scripted responses in order and records every request (path, Authorization header, JSON body). Any other path is
/// recorded and answered 404.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly TaskCompletionSource<RecordedRequest> _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeOpenAiServer(WebApplication app) => _app = app;

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Completes when the first request has been received and recorded (before it is answered).</summary>
    public Task<RecordedRequest> FirstRequest => _firstRequest.Task;

    /// <summary>The base address, e.g. <c>http://127.0.0.1:43123</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>What to configure as <c>Reach:Llm:Endpoint</c>: <c>{Url}/v1</c>.</summary>
    public string Endpoint => $"{Url.GetLeftPart(UriPartial.Authority)}/v1";

    /// <summary>The port Kestrel listens on.</summary>
    public int Port => Url.Port;

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<FakeOpenAiServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>Queues the next answer of <c>/v1/chat/completions</c>.</summary>
    public void Enqueue(int status, string body, IReadOnlyDictionary<string, string>? headers = null, TimeSpan? delay = null) =>
        _script.Enqueue(new ScriptedResponse(status, body, headers ?? new Dictionary<string, string>(), delay ?? TimeSpan.Zero));

    /// <summary>Queues a 200 with <paramref name="body"/>.</summary>
    public void EnqueueOk(string body) => Enqueue(200, body);

    /// <summary>
    /// A chat completion body: <paramref name="text"/> and/or <paramref name="toolCalls"/> (id, function name, arguments
    /// JSON), with usage.
    /// </summary>
    public static string Completion(
        string? text = null,
        IEnumerable<(string Id, string Name, string Arguments)>? toolCalls = null,
        string? finishReason = "stop",
        int promptTokens = 10,
        int completionTokens = 5,
        string model = "gpt-4o-mini-2024-07-18",
        string id = "chatcmpl-test")
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = text };
        if (toolCalls is not null)
        {
            message["tool_calls"] = new JsonArray([.. toolCalls.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments },
            })]);
        }

        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = 1_763_800_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason, ["logprobs"] = null }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
        }.ToJsonString();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var recorded = new RecordedRequest(http.Request.Method, http.Request.Path, http.Request.Headers.Authorization.ToString(), body);
        Requests.Enqueue(recorded);
        _firstRequest.TrySetResult(recorded);
        if (http.Request.Method != "POST" || http.Request.Path != "/v1/chat/completions")
        {
            http.Response.StatusCode = 404;
            await http.Response.WriteAsync("""{"error":{"message":"no such path"}}""", http.RequestAborted);
            return;
        }

        if (!_script.TryDequeue(out var scripted))
        {
            scripted = new ScriptedResponse(500, """{"error":{"message":"no scripted response left"}}""", new Dictionary<string, string>(), TimeSpan.Zero);
        }

        if (scripted.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(scripted.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        http.Response.StatusCode = scripted.Status;
        http.Response.ContentType = "application/json";
        foreach (var (name, value) in scripted.Headers)
        {
            http.Response.Headers[name] = value;
        }

        await http.Response.WriteAsync(scripted.Body, http.RequestAborted);
    }
}
