using System.Globalization;
using Microsoft.Playwright;

namespace Reach.Web.Tests.Browser;

/// <summary>What a signed-in marketer does on the Copilot page, as the browser tests do it.</summary>
public static class CopilotSteps
{
    /// <summary>Opens the Copilot page, sends <paramref name="goal"/> and waits (up to 90 s) for the staged-campaign card.</summary>
    /// <returns>The card and the staged campaign's id.</returns>
    public static async Task<(ILocator Staged, long CampaignId)> StageAsync(IPage page, string goal)
    {
        await page.GotoAsync("/copilot");
        await BrowserSession.WaitForCircuitAsync(page);
        await page.GetByLabel("Your goal").FillAsync(goal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var staged = page.Locator("[data-tool=stage_campaign]");
        await staged.WaitForAsync(new() { Timeout = 90_000 });
        return (staged, long.Parse((await staged.GetAttributeAsync("data-campaign-id"))!, CultureInfo.InvariantCulture));
    }
}
