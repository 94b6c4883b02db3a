using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Reach.Crm.Copilot.OpenAi;

namespace Reach.Crm.Tests.Copilot.OpenAi;

/// <summary><see cref="OpenAiChatClient"/> against a loopback OpenAI-compatible server.</summary>
public sealed class OpenAiChatClientTests
{
    private static readonly AIFunction PreviewAudience = AIFunctionFactory.Create(
        (string filter) => new { count = 0 },
        "preview_audience",
        "Counts the customers a filter selects and returns a sample.");

    private static readonly AIFunction CreateSegment = AIFunctionFactory.Create(
        (string name, string filter, string description) => new { id = 1 },
        "create_segment",
        "Saves a filter as a named segment.");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tool_call_round_trip_maps_calls_results_and_usage()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.EnqueueOk(FakeOpenAiServer.Completion(
            toolCalls: [("call_abc", "preview_audience", """{"filter":"last_order_days <= 90 and city = 'Mumbai'"}""")],
            finishReason: "tool_calls", promptTokens: 120, completionTokens: 30, id: "chatcmpl-1"));
        server.EnqueueOk(FakeOpenAiServer.Completion(
            text: "1,204 customers match.", promptTokens: 180, completionTokens: 12, id: "chatcmpl-2"));
        using var client = NewClient(server);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "You are Reach's marketing copilot."),
            new(ChatRole.User, "Customers in Mumbai who ordered in the last 90 days"),
        ];
        var options = new ChatOptions { Tools = [PreviewAudience] };

        var first = await client.GetResponseAsync(messages, options, Ct);

        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_abc", call.CallId);
        Assert.Equal("preview_audience", call.Name);
        Assert.Null(call.Exception);
        Assert.Equal("last_order_days <= 90 and city = 'Mumbai'", Assert.IsType<JsonElement>(call.Arguments!["filter"]).GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Equal("chatcmpl-1", first.ResponseId);
        Assert.Equal("gpt-4o-mini-2024-07-18", first.ModelId);
        Assert.Equal(120, first.Usage!.InputTokenCount);
        Assert.Equal(30, first.Usage.OutputTokenCount);
        Assert.Equal(150, first.Usage.TotalTokenCount);

        messages.AddMessages(first);
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_abc", new { count = 1204, sample = new[] { "Asha" } })]));
        var second = await client.GetResponseAsync(messages, options, Ct);

        Assert.Equal("1,204 customers match.", second.Text);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Equal(180, second.Usage!.InputTokenCount);
        Assert.Equal(12, second.Usage.OutputTokenCount);
        Assert.Empty(second.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());

        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal("/v1/chat/completions", r.Path));
        Assert.All(requests, r => Assert.Equal("Bearer sk-test", r.Authorization));
        var sent = requests[1].Messages;
        Assert.Equal(["system", "user", "assistant", "tool"], sent.Select(m => (string)m!["role"]!).ToArray());
        var sentCall = Assert.Single(sent[2]!["tool_calls"]!.AsArray())!;
        Assert.Equal("call_abc", (string)sentCall["id"]!);
        Assert.Equal("function", (string)sentCall["type"]!);
        Assert.Equal("preview_audience", (string)sentCall["function"]!["name"]!);
        var sentArguments = JsonNode.Parse((string)sentCall["function"]!["arguments"]!)!;
        Assert.Equal("last_order_days <= 90 and city = 'Mumbai'", (string)sentArguments["filter"]!);
        Assert.Equal("call_abc", (string)sent[3]!["tool_call_id"]!);
        var sentResult = JsonNode.Parse((string)sent[3]!["content"]!)!;
        Assert.Equal(1204, (int)sentResult["count"]!);
        Assert.Equal("Asha", (string)sentResult["sample"]![0]!);
    }

    [Fact]
    public async Task Tool_schemas_and_options_reach_the_request()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.EnqueueOk(FakeOpenAiServer.Completion(text: "ok"));
        using var client = NewClient(server);
        var options = new ChatOptions
        {
            Tools = [PreviewAudience, CreateSegment],
            Temperature = 0.25f,
            MaxOutputTokens = 400,
            ModelId = "llama3.1:8b",
            Instructions = "Be brief.",
        };

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], options, Ct);

        var body = Assert.Single(server.Requests).Json;
        Assert.Equal("llama3.1:8b", (string)body["model"]!);
        Assert.Equal(0.25, (double)body["temperature"]!, 3);
        Assert.Equal(400, (int)body["max_completion_tokens"]!);
        Assert.Equal(["system", "user"], body["messages"]!.AsArray().Select(m => (string)m!["role"]!).ToArray());
        Assert.Equal("Be brief.", (string)body["messages"]![0]!["content"]!);
        var tools = body["tools"]!.AsArray();
        Assert.Equal(2, tools.Count);
        Assert.All(tools, t => Assert.Equal("function", (string)t!["type"]!));
        var preview = tools[0]!["function"]!;
        Assert.Equal("preview_audience", (string)preview["name"]!);
        Assert.Equal("Counts the customers a filter selects and returns a sample.", (string)preview["description"]!);
        Assert.Equal("object", (string)preview["parameters"]!["type"]!);
        Assert.Equal("string", (string)preview["parameters"]!["properties"]!["filter"]!["type"]!);
        var segment = tools[1]!["function"]!;
        Assert.Equal("create_segment", (string)segment["name"]!);
        Assert.Equal(
            ["description", "filter", "name"],
            segment["parameters"]!["properties"]!.AsObject().Select(p => p.Key).Order().ToArray());
    }

    [Fact]
    public async Task A_trailing_slash_on_the_endpoint_is_fine()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.EnqueueOk(FakeOpenAiServer.Completion(text: "ok"));
        using var client = new OpenAiChatClient(new LlmOptions { Provider = "openai", Endpoint = server.Endpoint + "/", ApiKey = "k" });

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        Assert.Equal("ok", response.Text);
        Assert.Equal("/v1/chat/completions", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task Parallel_tool_calls_come_back_in_order()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.EnqueueOk(FakeOpenAiServer.Completion(
            toolCalls:
            [
                ("call_1", "preview_audience", """{"filter":"city = 'Pune'"}"""),
                ("call_2", "preview_audience", """{"filter":"city = 'Delhi'"}"""),
            ],
            finishReason: "tool_calls"));
        using var client = NewClient(server);

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "Compare Pune and Delhi")], new ChatOptions { Tools = [PreviewAudience] }, Ct);

        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_1", "call_2"], calls.Select(c => c.CallId).ToArray());
        Assert.Equal("city = 'Pune'", ((JsonElement)calls[0].Arguments!["filter"]!).GetString());
        Assert.Equal("city = 'Delhi'", ((JsonElement)calls[1].Arguments!["filter"]!).GetString());
    }

    [Fact]
    public async Task Unparseable_tool_arguments_are_reported_on_the_call_not_thrown()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.EnqueueOk(FakeOpenAiServer.Completion(toolCalls: [("call_1", "preview_audience", "{\"filter\": ")], finishReason: "tool_calls"));
        using var client = NewClient(server);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { Tools = [PreviewAudience] }, Ct);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("preview_audience", call.Name);
        Assert.NotNull(call.Exception);
    }

    [Fact]
    public async Task Rate_limit_is_retried_after_Retry_After()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.Enqueue(429, """{"error":{"message":"Rate limit reached","type":"requests"}}""", new Dictionary<string, string> { ["Retry-After"] = "0" });
        server.EnqueueOk(FakeOpenAiServer.Completion(text: "after the wait"));
        using var client = NewClient(server);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        Assert.Equal("after the wait", response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Only_our_retries_run_so_MaxRetries_zero_means_one_request()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.Enqueue(429, """{"error":{"message":"Rate limit reached"}}""", new Dictionary<string, string> { ["Retry-After"] = "0" });
        server.EnqueueOk(FakeOpenAiServer.Completion(text: "not reached"));
        using var client = NewClient(server, maxRetries: 0);

        var error = await Assert.ThrowsAsync<LlmException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct));

        Assert.Equal(LlmErrorKind.RateLimited, error.Kind);
        Assert.Equal(429, error.StatusCode);
        Assert.Contains("Rate limit reached", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Retry_After_seconds_are_honoured()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.Enqueue(429, """{"error":{"message":"slow down"}}""", new Dictionary<string, string> { ["Retry-After"] = "1" });
        server.EnqueueOk(FakeOpenAiServer.Completion(text: "ok"));
        using var client = NewClient(server);
        var stopwatch = Stopwatch.StartNew();

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {stopwatch.Elapsed}");
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_Reach_waits_fails_at_once()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.Enqueue(429, """{"error":{"message":"quota"}}""", new Dictionary<string, string> { ["Retry-After"] = "3600" });
        using var client = NewClient(server);

        var error = await Assert.ThrowsAsync<LlmException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct));

        Assert.Equal(LlmErrorKind.RateLimited, error.Kind);
        Assert.Contains("3600 s", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_wrapped_or_retried()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.Enqueue(200, FakeOpenAiServer.Completion(text: "late"), delay: TimeSpan.FromSeconds(10));
        using var client = NewClient(server);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // Cancel once the request is in flight (a fixed delay raced the first connection on a loaded machine).
        var response = client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cancellation.Token);
        await server.FirstRequest.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => response);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_unavailable_after_retries()
    {
        int closedPort;
        await using (var server = await FakeOpenAiServer.StartAsync(Ct))
        {
            closedPort = server.Port;
        }

        using var client = new OpenAiChatClient(new LlmOptions
        {
            Provider = LlmOptions.OpenAiProvider,
            Endpoint = $"http://127.0.0.1:{closedPort}/v1",
            ApiKey = "sk-test",
            MaxRetries = 1,
        })
        {
            BaseRetryDelay = TimeSpan.FromMilliseconds(20),
        };

        var error = await Assert.ThrowsAsync<LlmException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct));

        Assert.Equal(LlmErrorKind.Unavailable, error.Kind);
        Assert.Equal(2, error.Attempts);
        Assert.Null(error.StatusCode);
        Assert.Contains("could not be reached", error.Message);
    }

    [Fact]
    public async Task Server_errors_exhaust_retries_then_fail_as_unavailable()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        for (var i = 0; i < 3; i++)
        {
            server.Enqueue(503, """{"error":{"message":"overloaded"}}""");
        }

        using var client = NewClient(server, maxRetries: 2);

        var error = await Assert.ThrowsAsync<LlmException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct));

        Assert.Equal(LlmErrorKind.Unavailable, error.Kind);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal(3, error.Attempts);
        Assert.Contains("overloaded", error.Message);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_slow_attempt_times_out_and_is_retried()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.Enqueue(200, FakeOpenAiServer.Completion(text: "too late"), delay: TimeSpan.FromSeconds(10));
        server.EnqueueOk(FakeOpenAiServer.Completion(text: "in time"));
        using var client = NewClient(server, timeoutSeconds: 1);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        Assert.Equal("in time", response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData("""{"nonsense":true}""", "no \"choices\"")]
    [InlineData("""<html>Bad gateway</html>""", "not JSON")]
    [InlineData("""{"choices":[{"index":0}]}""", "no \"message\"")]
    public async Task A_malformed_response_is_a_clear_error(string body, string detail)
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.EnqueueOk(body);
        using var client = NewClient(server);

        var error = await Assert.ThrowsAsync<LlmException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct));

        Assert.Equal(LlmErrorKind.Malformed, error.Kind);
        Assert.StartsWith("the model endpoint returned a malformed response: ", error.Message);
        Assert.Contains(detail, error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_refused_key_is_an_authentication_error_without_retries()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.Enqueue(401, """{"error":{"message":"Incorrect API key provided: sk-test.","code":"invalid_api_key"}}""");
        using var client = NewClient(server);

        var error = await Assert.ThrowsAsync<LlmException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct));

        Assert.Equal(LlmErrorKind.Authentication, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.StartsWith("the model endpoint refused the API key (401)", error.Message);
        Assert.Contains("Incorrect API key provided", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_missing_key_fails_at_first_use_without_a_request()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.EnqueueOk(FakeOpenAiServer.Completion(text: "never"));
        using var client = NewClient(server, apiKey: null);

        var error = await Assert.ThrowsAsync<LlmException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct));

        Assert.Equal(LlmErrorKind.Configuration, error.Kind);
        Assert.StartsWith("Reach:Llm:ApiKey is not set", error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Compatible_servers_with_null_or_unknown_finish_reasons_still_work()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.EnqueueOk(FakeOpenAiServer.Completion(text: "one", finishReason: null));
        server.EnqueueOk(FakeOpenAiServer.Completion(text: "two", finishReason: "abort"));
        using var client = NewClient(server);

        var first = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);
        var second = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        Assert.Equal("one", first.Text);
        Assert.Null(first.FinishReason);
        Assert.Equal("two", second.Text);
        Assert.Equal("abort", second.FinishReason?.Value);
    }

    [Fact]
    public async Task Streaming_yields_the_whole_response()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        server.EnqueueOk(FakeOpenAiServer.Completion(
            text: "Let me check.", toolCalls: [("call_9", "preview_audience", """{"filter":"all"}""")], finishReason: "tool_calls", promptTokens: 7, completionTokens: 3));
        using var client = NewClient(server);

        var response = await client.GetStreamingResponseAsync(
            [new ChatMessage(ChatRole.User, "hi")], new ChatOptions { Tools = [PreviewAudience] }, Ct).ToChatResponseAsync(Ct);

        Assert.Equal("Let me check.", response.Text);
        Assert.Equal("call_9", Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()).CallId);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(7, response.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task Each_call_is_a_chat_span_with_GenAI_attributes_and_no_content()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        using var spans = new SpanCollector(server.Port);
        server.EnqueueOk(FakeOpenAiServer.Completion(text: "Asha Rao, Mumbai", promptTokens: 42, completionTokens: 8, id: "chatcmpl-span"));
        using var client = NewClient(server);

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "secret customer question")], new ChatOptions { Temperature = 0.5f }, Ct);

        var span = Assert.Single(spans.Spans);
        Assert.Equal("chat gpt-4o-mini", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("openai", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("gpt-4o-mini", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal("gpt-4o-mini-2024-07-18", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal("chatcmpl-span", span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(["stop"], Assert.IsType<string[]>(span.GetTagItem("gen_ai.response.finish_reasons")));
        Assert.Equal(42L, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(8L, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(0.5, (double)span.GetTagItem("gen_ai.request.temperature")!, 3);
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
        Assert.Equal(server.Port, span.GetTagItem("server.port"));
        Assert.Null(span.GetTagItem("error.type"));
        Assert.Empty(span.Events);
        Assert.DoesNotContain(span.TagObjects, t => t.Value is string s && (s.Contains("secret") || s.Contains("Asha")));
    }

    [Fact]
    public async Task Content_is_recorded_as_events_only_when_capture_is_enabled()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        using var spans = new SpanCollector(server.Port);
        server.EnqueueOk(FakeOpenAiServer.Completion(text: "Asha Rao, Mumbai"));
        using var client = NewClient(server, captureContent: true);

        await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "be brief"), new ChatMessage(ChatRole.User, "who is in Mumbai?")], cancellationToken: Ct);

        var span = Assert.Single(spans.Spans);
        Assert.Equal(["gen_ai.system.message", "gen_ai.user.message", "gen_ai.choice"], span.Events.Select(e => e.Name).ToArray());
        var user = span.Events.Single(e => e.Name == "gen_ai.user.message");
        Assert.Equal("openai", user.Tags.Single(t => t.Key == "gen_ai.provider.name").Value);
        Assert.Equal("who is in Mumbai?", (string)JsonNode.Parse((string)user.Tags.Single(t => t.Key == GenAiTelemetry.EventContentAttribute).Value!)!["content"]!);
        var choice = JsonNode.Parse((string)span.Events.Single(e => e.Name == "gen_ai.choice").Tags.Single(t => t.Key == GenAiTelemetry.EventContentAttribute).Value!)!;
        Assert.Equal("stop", (string)choice["finish_reason"]!);
        Assert.Equal("Asha Rao, Mumbai", (string)choice["message"]!["content"]!);
    }

    [Fact]
    public async Task A_failed_call_sets_error_type_on_the_span()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Ct);
        using var spans = new SpanCollector(server.Port);
        server.Enqueue(403, """{"error":{"message":"forbidden"}}""");
        using var client = NewClient(server);

        await Assert.ThrowsAsync<LlmException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct));

        var span = Assert.Single(spans.Spans);
        Assert.Equal("403", span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    private static OpenAiChatClient NewClient(
        FakeOpenAiServer server, string? apiKey = "sk-test", int maxRetries = 3, int timeoutSeconds = 60, bool captureContent = false) =>
        new(new LlmOptions
        {
            Provider = LlmOptions.OpenAiProvider,
            Endpoint = server.Endpoint,
            Model = "gpt-4o-mini",
            ApiKey = apiKey,
            MaxRetries = maxRetries,
            TimeoutSeconds = timeoutSeconds,
        }, captureContent)
        {
            BaseRetryDelay = TimeSpan.FromMilliseconds(20),
        };
}
