using Microsoft.Playwright;

namespace Reach.Testing;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>) driven by Playwright — never <c>playwright install</c>, no browser can be
/// downloaded (STACK.md) — and signing in to Reach.Web as a person does. Shared by the browser tests and the benchmark;
/// a project that calls it references <c>Microsoft.Playwright</c> itself (this library does not pass it on).
/// </summary>
public static class WebBrowser
{
    /// <summary>The browser executable (Debian's <c>chromium</c> package).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>How long a page waits for an element or a navigation by default: 30,000 ms.</summary>
    public const float DefaultTimeoutMs = 30_000;

    /// <summary>The CSS selector of the layout once the circuit is live: prefix it to wait for interactive content.</summary>
    public const string CircuitLiveSelector = ".app[data-ready=true]";

    /// <summary>The launch arguments of STACK.md: headless, no sandbox, no GPU, nothing in the background.</summary>
    public static IReadOnlyList<string> ChromiumArguments { get; } =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Launches headless Chromium from <see cref="ChromiumPath"/> with <see cref="ChromiumArguments"/> (a fresh profile).</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArguments,
        });

    /// <summary>
    /// A new browser context (its own cookies; viewport 1366 × 900 px) signed in to the web app at <paramref name="webUrl"/>
    /// through its sign-in form, on the home page with its circuit live. Relative addresses resolve against
    /// <paramref name="webUrl"/>; waits time out after <see cref="DefaultTimeoutMs"/>.
    /// </summary>
    public static async Task<IPage> SignInAsync(IBrowser browser, string webUrl, string userName, string password)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = webUrl,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(DefaultTimeoutMs);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The URL is polled rather than awaited with WaitForURLAsync: that waits for the page's load event as well, and
        // when the redirect home has already happened it can miss it and time out (microsoft/playwright-dotnet#3365,
        // seen here in 2 of 4 runs of the web tests, each time at sign-in). The circuit wait below is what "ready" means for this page anyway.
        await Assertions.Expect(page).ToHaveURLAsync(webUrl.TrimEnd('/') + "/", new() { Timeout = DefaultTimeoutMs });
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>
    /// Waits until the page's circuit is live (the layout sets <c>data-ready</c> after its first interactive render):
    /// a prerendered page ignores clicks until then.
    /// </summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator(CircuitLiveSelector).WaitForAsync();
}
