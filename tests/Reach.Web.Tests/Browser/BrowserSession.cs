using Microsoft.Playwright;
using Reach.Testing;

namespace Reach.Web.Tests.Browser;

/// <summary>Debian's chromium driven by Playwright (<see cref="WebBrowser"/>, shared with the benchmark), and sign-in as the stack's users.</summary>
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
        Browser = await WebBrowser.LaunchChromiumAsync(_playwright);
    }

    /// <summary>A new browser context (its own cookies) signed in as <paramref name="user"/> (one of <see cref="WebStack.Users"/>), on the home page.</summary>
    public Task<IPage> SignInAsync(string webUrl, string user)
    {
        var (name, password, _) = WebStack.Users.Single(u => u.Name == user);
        return WebBrowser.SignInAsync(Browser, webUrl, name, password);
    }

    /// <summary>Waits until the page's circuit is live (prerendered pages ignore clicks until then).</summary>
    public static Task WaitForCircuitAsync(IPage page) => WebBrowser.WaitForCircuitAsync(page);

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
