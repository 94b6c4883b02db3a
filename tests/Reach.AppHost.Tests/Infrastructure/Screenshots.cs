using Microsoft.Playwright;

namespace Reach.AppHost.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright (never a downloaded browser), saving pages to <c>docs/screenshots/</c>.</summary>
public static class Screenshots
{
    /// <summary>Where screenshots are saved.</summary>
    public static string Folder { get; } = Path.Combine(AppHostRun.RepositoryRoot, "docs", "screenshots");

    /// <summary>Launches headless Chromium with the arguments of STACK.md.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });

    /// <summary>Saves the page (the viewport, or all of it) as <c>docs/screenshots/{name}.png</c> and returns the path.</summary>
    public static async Task<string> SaveAsync(IPage page, string name, bool fullPage = false)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }
}
