using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Reach.AppHost.Tests.Infrastructure;

namespace Reach.AppHost.Tests;

/// <summary>
/// Must-show 1 of issue 8: the AppHost started as a newcomer would, every resource healthy, a campaign staged by the
/// copilot and launched through the web UI (Playwright), then in the dashboard one trace with spans of web, crm,
/// channel and PostgreSQL, receipt traces linked to it, GenAI spans of the copilot, logs and metrics; screenshots saved.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class DashboardEndToEndTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task A_launch_from_the_web_is_one_trace_across_web_crm_channel_and_postgres_and_its_receipt_batches_link_to_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var run = AppHostRun.Start();
        var resources = await run.Dashboard.WaitUntilAllHealthyAsync(StartTimeout, () => run.Output, ct);
        Assert.Equal(["postgres", "channel", "crm", "web"], resources.Select(r => r.GetProperty("name").GetString()));

        // Secrets never reach the page: the signing secret, the database password and the users' passwords are masked.
        var crmEnvironment = resources.Single(r => r.GetProperty("name").GetString() == "crm").GetProperty("environment").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("value").GetString()!);
        Assert.Equal("••••••••", crmEnvironment["Reach__Channel__SigningSecret"]);
        Assert.Contains("Password=••••••••", crmEnvironment["ConnectionStrings__reach"], StringComparison.Ordinal);
        Assert.Equal("admin", crmEnvironment["Reach__Auth__Users__0__UserName"]);
        Assert.Equal("••••••••", crmEnvironment["Reach__Auth__Users__0__Password"]);
        Assert.Equal("amir", crmEnvironment["Reach__Auth__Users__2__UserName"]);
        Assert.Equal("••••••••", crmEnvironment["Reach__Auth__Users__2__Password"]);
        Assert.Equal($"http://localhost:{run.OtlpPort}", crmEnvironment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", crmEnvironment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("crm", crmEnvironment["OTEL_SERVICE_NAME"]);
        Assert.Equal("1000", crmEnvironment["OTEL_BSP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", crmEnvironment["OTEL_METRIC_EXPORT_INTERVAL"]);

        // Through the web UI, as a person: the copilot stages a draft, the approver approves & launches it.
        var webUrl = resources.Single(r => r.GetProperty("name").GetString() == "web").GetProperty("url").GetString()!;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Screenshots.LaunchAsync(playwright);
        await LaunchThroughTheWebAsync(browser, webUrl, "amir", "reach-demo-approver");

        // One trace: the click's call from web, the launch at crm, its database commands, the dispatch, the channel's intake.
        var (launchTrace, receiptTrace) = await WaitForLaunchTraceAsync(run.Dashboard, ct);
        var spans = launchTrace.GetProperty("spans").EnumerateArray().ToArray();
        var traceId = launchTrace.GetProperty("summary").GetProperty("traceId").GetString()!;
        Assert.Contains(spans, s => Service(s) == "web");
        Assert.Contains(spans, s => Service(s) == "crm" && s.GetProperty("name").GetString()!.Contains("/launch", StringComparison.Ordinal));
        Assert.Contains(spans, s => Service(s) == "crm" && s.GetProperty("name").GetString() == "campaign dispatch");
        Assert.Contains(spans, s => Service(s) == "channel" && s.GetProperty("name").GetString() == "POST /v1/messages:batch");
        Assert.Contains(spans, s => s.GetProperty("databaseSystem").GetString() == "postgresql");
        Assert.All(spans, s => Assert.Equal(traceId, s.GetProperty("traceId").GetString()));
        var crmInstance = crmEnvironment["OTEL_RESOURCE_ATTRIBUTES"].Replace("service.instance.id=", "", StringComparison.Ordinal);
        Assert.Contains(spans, s => Service(s) == "crm" && s.GetProperty("source").GetProperty("instanceId").GetString() == crmInstance);

        // A receipt batch is its own trace, linked to the send it answers, and reaches the CRM's receipt endpoint.
        var receiptSpans = receiptTrace.GetProperty("spans").EnumerateArray().ToArray();
        var sendReceipts = Assert.Single(receiptSpans, s => Service(s) == "channel" && s.GetProperty("name").GetString() == "send receipts");
        Assert.Contains(sendReceipts.GetProperty("links").EnumerateArray(), l => l.GetProperty("traceId").GetString() == traceId);
        Assert.Contains(receiptSpans, s => Service(s) == "crm" && s.GetProperty("name").GetString() == "POST /api/webhooks/receipts");
        Assert.NotEqual(traceId, receiptTrace.GetProperty("summary").GetProperty("traceId").GetString());

        // The copilot's turn: model calls and tool calls with the GenAI attributes.
        var chatTrace = await WaitForValueAsync(async () =>
        {
            var summary = (await run.Dashboard.TracesAsync("POST /api/copilot/chat", ct)).FirstOrDefault();
            return summary.ValueKind == JsonValueKind.Undefined ? (JsonElement?)null : await run.Dashboard.TraceAsync(summary.GetProperty("traceId").GetString()!, ct);
        }, ct);
        var chatSpans = chatTrace.GetProperty("spans").EnumerateArray().ToArray();
        Assert.Contains(chatSpans, s => Attribute(s, "gen_ai.operation.name") == "chat" && Attribute(s, "gen_ai.request.model") is not null);
        Assert.Contains(chatSpans, s => Attribute(s, "gen_ai.tool.name") == "preview_audience");
        Assert.Contains(chatSpans, s => Attribute(s, "gen_ai.tool.name") == "stage_campaign");

        // Structured logs and metrics of the services arrived too.
        Assert.NotEmpty(await run.Dashboard.LogsAsync("channel", ct));
        var metrics = await WaitForAsync(async () =>
        {
            var m = await run.Dashboard.MetricsAsync("crm", ct);
            return m.Any(i => i.GetProperty("name").GetString() == "reach.messages.dispatched") ? m : null;
        }, ct);
        Assert.Contains(metrics, i => i.GetProperty("meter").GetString() == "Npgsql");

        // What a person sees: the waterfall of the launch, the copilot's turn, the resources.
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });

        await page.GotoAsync($"http://localhost:{run.UiPort}/#/traces/{traceId}");
        await page.Locator("#waterfall .span-row").First.WaitForAsync();
        Assert.Equal(spans.Length, await page.Locator("#waterfall .span-row").CountAsync());
        Assert.True(await page.Locator("#waterfall .span-row[data-service=web]").CountAsync() > 0);
        Assert.True(await page.Locator("#waterfall .span-row[data-service=channel]").CountAsync() > 0);
        Assert.True(await page.Locator("#waterfall .span-row[data-db=postgresql]").CountAsync() > 0);
        Assert.Contains("Linked from", await page.Locator("#trace").InnerTextAsync());
        await Screenshots.SaveAsync(page, "dashboard-trace-waterfall");

        // The receipt batch's own trace: its link back to the launch, shown on the span and above the waterfall.
        var receiptTraceId = receiptTrace.GetProperty("summary").GetProperty("traceId").GetString();
        await page.GotoAsync($"http://localhost:{run.UiPort}/#/traces/{receiptTraceId}?span={sendReceipts.GetProperty("spanId").GetString()}");
        await page.Locator("#span-detail").WaitForAsync();
        Assert.Contains("Links to", await page.Locator("#trace").InnerTextAsync());
        Assert.Contains(traceId[..8], await page.Locator("#span-detail").InnerTextAsync());
        await Screenshots.SaveAsync(page, "dashboard-receipt-trace");

        var chatTraceId = chatTrace.GetProperty("summary").GetProperty("traceId").GetString();
        await page.GotoAsync($"http://localhost:{run.UiPort}/#/traces/{chatTraceId}");
        await page.Locator("#waterfall .span-row").First.WaitForAsync();
        Assert.Contains("tool preview_audience", await page.Locator("#waterfall").InnerTextAsync());
        await Screenshots.SaveAsync(page, "dashboard-copilot-trace", fullPage: true);

        await page.GotoAsync($"http://localhost:{run.UiPort}/#/metrics/crm?instrument=Microsoft.AspNetCore.Hosting/http.server.request.duration");
        await page.Locator("#instrument svg polyline").First.WaitForAsync();
        await Screenshots.SaveAsync(page, "dashboard-metrics");

        await page.GotoAsync($"http://localhost:{run.UiPort}/#/logs?resource=channel&text=Accepted%20send%20batch");
        await page.Locator("#logs tbody tr a[href^='#/traces/']").First.WaitForAsync();
        await page.GotoAsync($"http://localhost:{run.UiPort}/#/console/crm");
        await page.Locator("#console span").First.WaitForAsync();

        await page.GotoAsync($"http://localhost:{run.UiPort}/#/resources");
        await page.Locator("tr[data-resource=web][data-state=Running]").WaitForAsync();
        await page.Locator("details.env[data-name=crm] summary").ClickAsync();
        Assert.Contains("Password=••••••••", await page.Locator("details.env[data-name=crm]").InnerTextAsync());
        await Screenshots.SaveAsync(page, "dashboard-resources", fullPage: true);
    }

    // Signs in on the web app as one of the AppHost's development users (Reach.AppHost/appsettings.json), asks the
    // copilot, opens the staged campaign and approves & launches it.
    private static async Task LaunchThroughTheWebAsync(IBrowser browser, string webUrl, string userName, string password)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = webUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(webUrl.TrimEnd('/') + "/");

        await page.GotoAsync("/copilot");
        await WaitForCircuitAsync(page);
        await page.GetByLabel("Your goal").FillAsync("Win back customers who bought lipstick but haven't ordered in 60 days, on WhatsApp");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var staged = page.Locator("[data-tool=stage_campaign]");
        await staged.WaitForAsync(new() { Timeout = 120_000 });
        var id = await staged.GetAttributeAsync("data-campaign-id");

        await staged.GetByRole(AriaRole.Link, new() { Name = "Review & approve" }).ClickAsync();
        await page.WaitForURLAsync($"**/campaigns/{id}");
        await WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve & launch" }).ClickAsync();
        await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Yes, launch") }).ClickAsync();
        await page.Locator("[data-funnel-status]").WaitForAsync();
    }

    // Prerendered pages ignore clicks until their circuit is live.
    private static Task WaitForCircuitAsync(IPage page) => page.Locator(".app[data-ready=true]").WaitForAsync();

    private static async Task<(JsonElement Launch, JsonElement Receipt)> WaitForLaunchTraceAsync(DashboardClient dashboard, CancellationToken ct) =>
        await WaitForValueAsync<(JsonElement, JsonElement)>(async () =>
        {
            foreach (var summary in await dashboard.TracesAsync("/launch", ct))
            {
                var perResource = summary.GetProperty("spansPerResource");
                if (!new[] { "web", "crm", "channel", "postgresql" }.All(r => perResource.TryGetProperty(r, out _)))
                {
                    continue;
                }

                var detail = await dashboard.TraceAsync(summary.GetProperty("traceId").GetString()!, ct);
                if (detail?.GetProperty("spans").EnumerateArray().Any(s => Service(s) == "crm" && s.GetProperty("name").GetString()!.Contains("/launch", StringComparison.Ordinal)) != true)
                {
                    continue;
                }

                foreach (var linked in detail?.GetProperty("linkedFrom").EnumerateArray() ?? default)
                {
                    var receipt = await dashboard.TraceAsync(linked.GetProperty("traceId").GetString()!, ct);
                    if (receipt is { } r && r.GetProperty("spans").EnumerateArray().Any(s => Service(s) == "crm"))
                    {
                        return (detail!.Value, r);
                    }
                }
            }

            return null;
        }, ct);

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, CancellationToken ct) where T : class =>
        (await WaitForValueAsync(async () => await probe() is { } found ? new Box<T>(found) : (Box<T>?)null, ct)).Value;

    private static async Task<T> WaitForValueAsync<T>(Func<Task<T?>> probe, CancellationToken ct) where T : struct
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The dashboard did not show it within 90 s.");
            }

            await Task.Delay(1000, ct);
        }
    }

    private readonly record struct Box<T>(T Value);

    private static string? Service(JsonElement span) => span.GetProperty("source").GetProperty("serviceName").GetString();

    private static string? Attribute(JsonElement span, string key) =>
        span.GetProperty("attributes").EnumerateArray().Where(a => a.GetProperty("key").GetString() == key).Select(a => a.GetProperty("value").GetString()).FirstOrDefault();
}
