using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Reach.Testing;

namespace Reach.Web.Tests.Browser;

/// <summary>
/// The README's real-data walkthrough through the browser: the Online Retail file (541,909 rows) imported with the
/// synthetic contact overlay, the reference time the day after its last invoice (2011-12-10), amounts in GBP.
/// </summary>
public sealed class OnlineRetailStack : WebStack
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> CrmSettings { get; } = new Dictionary<string, string>
    {
        ["Reach__Currency"] = "GBP",
        ["Reach__Segmentation__AsOf"] = "2011-12-10T00:00:00Z",
    };

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> WebSettings { get; } = new Dictionary<string, string> { ["Reach__Web__Currency"] = "GBP" };

    /// <summary>The admin's import report.</summary>
    public JsonElement Report { get; private set; }

    /// <inheritdoc />
    protected override async Task LoadDataAsync(HttpClient admin)
    {
        await using var file = File.OpenRead(TestData.OnlineRetailCsv);
        using var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await admin.PostAsync("/api/ingest/orders?format=online-retail&contacts=synthetic", content);
        Assert.True(response.IsSuccessStatusCode, $"import: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Report = await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>
/// On the real Online Retail data, through the browser: a marketer asks "Customers in Germany who haven't ordered in
/// 90 days" and sees the staged card with the eval set's audience; an approver approves &amp; launches it on the
/// campaign page and watches the funnel finish; the finished funnel equals the channel's ledger. Screenshots of both
/// pages are saved for the README.
/// </summary>
public sealed class OnlineRetailJourneyTests(OnlineRetailStack stack, BrowserSession browser) : IClassFixture<OnlineRetailStack>, IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Germany_lapsed_customers_are_staged_launched_and_reconciled_on_the_real_data()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(4_372, stack.Report.GetProperty("customers").GetProperty("inserted").GetInt64());
        var goal = EvalGoal.Load().Single(g => g.Id == "g26");

        var marketer = await browser.SignInAsync(stack.Web.Url, "maya");
        var (_, id) = await CopilotSteps.StageAsync(marketer, goal.Goal);
        await Assertions.Expect(marketer.Locator("[data-tool=preview_audience]")).ToContainTextAsync("25");
        await Assertions.Expect(marketer.Locator("[data-tool=preview_audience]")).ToContainTextAsync("£");
        await marketer.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.Artifacts, "online-retail-copilot.png"), FullPage = true });

        var approver = await browser.SignInAsync(stack.Web.Url, "amir");
        await approver.GotoAsync($"/campaigns/{id}");
        await BrowserSession.WaitForCircuitAsync(approver);
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve & launch" }).ClickAsync();
        var confirm = approver.GetByRole(AriaRole.Alertdialog);
        await confirm.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Yes, launch") }).ClickAsync();
        try
        {
            await approver.Locator("[data-funnel-status=completed]").WaitForAsync(new() { Timeout = 180_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail("the funnel did not complete\n" + stack.Logs());
        }

        await approver.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.Artifacts, "online-retail-campaign.png"), FullPage = true });

        // The page's finished funnel is the CRM's, and the CRM's equals the channel's ledger.
        using var http = await stack.CrmClientAsync("amir");
        var funnel = await http.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}/funnel", ct);
        var audience = (int)funnel.GetProperty("counts").GetProperty("queued").GetInt64();
        Assert.InRange(audience, 1, 25);
        var ledger = await ChannelLedger.GetAsync(http, stack.Channel.Url, id, ct);
        for (var attempt = 0; attempt < 120 && !ChannelLedger.IsComplete(ledger, audience); attempt++)
        {
            await Task.Delay(500, ct);
            ledger = await ChannelLedger.GetAsync(http, stack.Channel.Url, id, ct);
        }

        Assert.True(ChannelLedger.IsComplete(ledger, audience), "the channel's ledger did not complete");
        var differences = ChannelLedger.Differences(funnel, ledger!.Value, audience);
        Assert.True(differences.Count == 0, string.Join("; ", differences));
        await Assertions.Expect(approver.Locator("[data-approved-by]")).ToHaveAttributeAsync("data-approved-by", "amir");
        await marketer.Context.CloseAsync();
        await approver.Context.CloseAsync();
    }
}
