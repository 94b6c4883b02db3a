using Microsoft.Playwright;

namespace Reach.Web.Tests.Browser;

/// <summary>Debian's chromium driven by Playwright (never <c>playwright install</c>, STACK.md), and sign-in helpers.</summary>
public sealed class BrowserSession : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>TestResults/screenshots</c> beside the test assembly.</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots")).FullName;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new browser context (its own cookies) signed in as <paramref name="user"/>, on the home page.</summary>
    public async Task<IPage> SignInAsync(string webUrl, string user)
    {
        var (name, password, _) = WebStack.Users.Single(u => u.Name == user);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = webUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(webUrl.TrimEnd('/') + "/");
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>Waits until the page's circuit is live (prerendered pages ignore clicks until then).</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator(".app[data-ready=true]").WaitForAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
