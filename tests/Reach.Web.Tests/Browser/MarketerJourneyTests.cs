using System.Net;
using System.Text;
using Microsoft.Playwright;
using Reach.Testing;

namespace Reach.Web.Tests.Browser;

/// <summary>
/// The marketer's and approver's journeys in a real browser against real CRM, channel and web processes and
/// PostgreSQL: a goal from the evaluation set becomes a staged campaign the marketer cannot launch; the approver
/// launches it and watches the funnel complete, pushed over the circuit with no polling; an admin imports a CSV
/// with one bad row and sees the report.
/// </summary>
public sealed class MarketerJourneyTests(WebStack stack, BrowserSession browser) : IClassFixture<WebStack>, IClassFixture<BrowserSession>
{
    [Fact]
    public async Task A_goal_is_staged_by_the_marketer_and_launched_by_the_approver_with_the_funnel_pushed_live()
    {
        var goal = EvalGoal.Load().First(g => g.Id == "g01");

        // The marketer types a goal from the eval set and sees the staged campaign.
        var marketer = await browser.SignInAsync(stack.Web.Url, "maya");
        await Expect(marketer.Locator(".user-name")).ToHaveTextAsync("maya");
        var (staged, id) = await CopilotSteps.StageAsync(marketer, goal.Goal);
        await Expect(marketer.Locator("[data-tool=preview_audience]")).ToBeVisibleAsync();
        await marketer.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.Artifacts, "copilot.png"), FullPage = true });

        // ... and cannot launch it: no button on the page, and the CRM refuses the marketer's token.
        await staged.GetByRole(AriaRole.Link, new() { Name = "Review & approve" }).ClickAsync();
        await marketer.WaitForURLAsync($"**/campaigns/{id}");
        await BrowserSession.WaitForCircuitAsync(marketer);
        await Expect(marketer.Locator("[data-state=needs-approver]")).ToBeVisibleAsync();
        await Expect(marketer.GetByRole(AriaRole.Button, new() { Name = "Approve & launch" })).ToHaveCountAsync(0);
        using (var asMarketer = await stack.CrmClientAsync("maya"))
        {
            Assert.True(stack.CrmHasAuthentication, "the CRM issues tokens");
            using var refused = await asMarketer.PostAsync($"/api/campaigns/{id}/launch", null, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // The approver approves & launches after a confirmation naming the audience size.
        var approver = await browser.SignInAsync(stack.Web.Url, "amir");
        await approver.GotoAsync($"/campaigns/{id}");
        await BrowserSession.WaitForCircuitAsync(approver);
        var requests = new List<IRequest>();
        approver.Request += (_, request) => requests.Add(request);
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve & launch" }).ClickAsync();
        var confirm = approver.GetByRole(AriaRole.Alertdialog);
        await Expect(confirm).ToContainTextAsync("customers");
        var audience = await confirm.Locator("[data-confirm-audience]").InnerTextAsync();
        Assert.Matches(@"^[\d,]+$", audience);
        await confirm.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Yes, launch") }).ClickAsync();

        // The funnel moves live and reaches completion, with no request from the page.
        await approver.Locator("[data-funnel-status]").WaitForAsync(new() { Timeout = 30_000 });
        await approver.Locator("section.funnel[data-delivered]:not([data-delivered='0'])").WaitForAsync(new() { Timeout = 120_000 });
        await approver.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.Artifacts, "campaign-live.png"), FullPage = true });
        try
        {
            await approver.Locator("[data-funnel-status=completed]").WaitForAsync(new() { Timeout = 180_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail("the funnel did not complete\n" + stack.Logs());
        }

        await approver.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.Artifacts, "campaign-completed.png"), FullPage = true });
        await Expect(approver.Locator("[data-approved-by]")).ToHaveAttributeAsync("data-approved-by", "amir");
        await Expect(approver.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        var polling = requests.Where(r => r.ResourceType is "fetch" or "xhr" or "eventsource" or "document").Select(r => $"{r.Method} {r.Url}").ToList();
        Assert.True(polling.Count == 0, "the page issued requests while the funnel was live:\n" + string.Join('\n', polling));

        await marketer.Context.CloseAsync();
        await approver.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_uploads_a_csv_with_one_bad_row_and_sees_the_report()
    {
        var admin = await browser.SignInAsync(stack.Web.Url, "ada");
        await admin.GotoAsync("/customers");
        await BrowserSession.WaitForCircuitAsync(admin);
        var csv = "external_id,name,email,city\nweb-1,Asha Rao,asha@example.com,Mumbai\nweb-2,Bad Row,not-an-email,Pune\nweb-3,Chen Li,chen@example.com,Delhi\n";
        await admin.GetByLabel("Customers file").SetInputFilesAsync(new FilePayload { Name = "customers.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        var report = admin.Locator("[data-upload-report]");
        await report.WaitForAsync(new() { Timeout = 60_000 });
        await Expect(report).ToHaveAttributeAsync("data-rejected", "1");
        await Expect(report.Locator("[data-inserted]")).ToHaveTextAsync("2");
        var row = admin.Locator("[data-rejected-line='3']");
        await Expect(row).ToContainTextAsync("email");
        await Expect(row).ToContainTextAsync("not-an-email");
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task A_marketer_builds_a_segment_with_a_live_count_and_finds_a_customer()
    {
        var page = await browser.SignInAsync(stack.Web.Url, "maya");
        await Expect(page.Locator("[data-kpi=customers]")).Not.ToHaveTextAsync("0");
        await page.GotoAsync("/segments/new");
        await BrowserSession.WaitForCircuitAsync(page);
        var count = page.Locator("[data-live-count]");
        await count.WaitForAsync();
        var before = await count.InnerTextAsync();
        var value = page.GetByLabel("Value", new() { Exact = true }).First;
        await value.FillAsync("400");
        await value.PressAsync("Tab");
        await Expect(count).Not.ToHaveTextAsync(before);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add condition" }).ClickAsync();
        await page.GetByLabel("Field", new() { Exact = true }).Nth(1).SelectOptionAsync("consent");
        await page.GetByLabel("Channel", new() { Exact = true }).SelectOptionAsync("email");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Ordered this year, e-mail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save segment" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/segments/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ordered this year, e-mail");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.Artifacts, "segment-builder.png"), FullPage = true });

        await page.GotoAsync("/customers");
        await BrowserSession.WaitForCircuitAsync(page);
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("Rao");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var first = page.GetByRole(AriaRole.Table, new() { Name = "Customers" }).GetByRole(AriaRole.Link).First;
        await Expect(first).ToContainTextAsync("Rao");
        await first.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Orders" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_sign_out_ends_the_session()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = stack.Web.Url });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/campaigns");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/sign-in\?ReturnUrl=", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await page.GetByLabel("User name").FillAsync("maya");
        await page.GetByLabel("Password").FillAsync("not-her-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not right");
        await context.CloseAsync();

        var signedIn = await browser.SignInAsync(stack.Web.Url, "maya");
        await Expect(signedIn.GetByLabel("Role")).ToHaveTextAsync("marketer");
        await signedIn.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        // The address, not the page's load event: a loaded CI machine once saw the address change and no "load" within
        // 30 s (WaitForURLAsync waits for both).
        await Assertions.Expect(signedIn).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sign-in(\?.*)?$"), new() { Timeout = 30_000 });
        await signedIn.GotoAsync("/campaigns");
        await signedIn.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/sign-in\?ReturnUrl=", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await signedIn.Context.CloseAsync();
    }

    [Fact]
    public async Task Pages_need_a_sign_in_and_carry_the_security_headers()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(stack.Web.Url) };
        using var home = await http.GetAsync("/campaigns", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("/sign-in", home.Headers.Location!.ToString());
        using var signIn = await http.GetAsync("/sign-in", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("frame-ancestors 'none'", signIn.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", signIn.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", signIn.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", signIn.Headers.GetValues("Referrer-Policy").Single());
        using var css = await http.GetAsync("/_content/Radzen.Blazor/css/material-base.css", TestContext.Current.CancellationToken);
        Assert.True((await css.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Length > 10_000, "Radzen's theme is served");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
