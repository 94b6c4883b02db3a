using System.Net;
using Reach.Web.Components.Pages;
using Reach.Web.Crm;

namespace Reach.Web.Tests.Components;

/// <summary>The campaigns list and the campaign page in each state.</summary>
public sealed class CampaignPagesTests
{
    private static Dictionary<string, object?> Id(long id) => new() { ["Id"] = id };

    [Fact]
    public async Task Campaigns_list_is_empty_loading_error_forbidden_and_data()
    {
        var crm = new FakeCrmClient();
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"empty\"", await r.RenderAsync<Campaigns>());
        }

        crm.Hang = true;
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"loading\"", await r.RenderFirstFrameAsync<Campaigns>());
        }

        crm.Hang = false;
        crm.Failure = new CrmException(HttpStatusCode.InternalServerError, "database is down");
        await using (var r = new PageRenderer(crm))
        {
            var html = await r.RenderAsync<Campaigns>();
            Assert.Contains("data-state=\"error\"", html);
            Assert.Contains("database is down", html);
        }

        crm.Failure = new CrmException(HttpStatusCode.Forbidden, "no");
        await using (var r = new PageRenderer(crm, "viewer"))
        {
            Assert.Contains("data-state=\"forbidden\"", await r.RenderAsync<Campaigns>());
        }

        crm.Failure = null;
        crm.Campaigns.Add(Samples.Completed());
        crm.Campaigns.Add(Samples.Draft());
        await using (var r = new PageRenderer(crm))
        {
            var html = await r.RenderAsync<Campaigns>();
            Assert.Contains("href=\"/campaigns/8\"", html);
            Assert.Contains("Lipstick win-back", html);
            Assert.Contains("1,150", html); // delivered, en-GB grouping
            Assert.Contains("₹123,456.50", html); // attributed revenue in the campaign's currency, en-GB format
        }
    }

    [Fact]
    public async Task A_draft_shows_real_recipients_copy_and_only_approvers_get_approve_and_launch()
    {
        var crm = new FakeCrmClient();
        crm.Campaigns.Add(Samples.Draft());
        crm.Previews.Add(new MessagePreview(1, "Asha Rao", "+919900000001", "Hi Asha, we miss you"));

        await using (var marketer = new PageRenderer(crm, "marketer"))
        {
            var html = await marketer.RenderAsync<CampaignDetail>(Id(7));
            Assert.Contains("Hi Asha, we miss you", html);
            Assert.Contains("Save draft", html);
            Assert.DoesNotContain("Approve & launch", html);
            Assert.Contains("data-state=\"needs-approver\"", html);
        }

        await using (var approver = new PageRenderer(crm, "approver"))
        {
            var html = await approver.RenderAsync<CampaignDetail>(Id(7));
            Assert.Contains("Approve & launch", html);
            Assert.Contains("Cancel campaign", html);
        }
    }

    [Fact]
    public async Task A_launched_campaign_shows_funnel_rates_revenue_and_recipients()
    {
        var crm = new FakeCrmClient();
        crm.Campaigns.Add(Samples.Completed());
        crm.Funnels[8] = Samples.Funnel();
        crm.Recipients.AddRange([Samples.Recipient(1), Samples.Recipient(2)]);
        await using var r = new PageRenderer(crm, "viewer");
        var html = await r.RenderAsync<CampaignDetail>(Id(8));
        Assert.Contains("data-funnel-status=\"completed\"", html);
        Assert.Contains("data-approved-by=\"amir\"", html);
        Assert.Contains("69.6%", html);
        Assert.Contains("₹123,456.50", html);
        Assert.Contains("Customer 2", html);
        Assert.DoesNotContain("Approve & launch", html);
    }

    [Fact]
    public async Task Campaign_page_states()
    {
        var crm = new FakeCrmClient();
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"empty\"", await r.RenderAsync<CampaignDetail>(Id(99)));
        }

        crm.Hang = true;
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"loading\"", await r.RenderFirstFrameAsync<CampaignDetail>(Id(7)));
        }

        crm.Hang = false;
        crm.Failure = new CrmException(HttpStatusCode.Forbidden, "no");
        await using (var r = new PageRenderer(crm, "viewer"))
        {
            Assert.Contains("data-state=\"forbidden\"", await r.RenderAsync<CampaignDetail>(Id(7)));
        }

        crm.Failure = new CrmException(HttpStatusCode.Unauthorized, "expired");
        await using (var r = new PageRenderer(crm))
        {
            var html = await r.RenderAsync<CampaignDetail>(Id(7));
            Assert.Contains("data-state=\"session-ended\"", html);
            Assert.Contains("href=\"/sign-in\"", html);
        }

        crm.Failure = new HttpRequestException("refused");
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("can't be reached", await r.RenderAsync<CampaignDetail>(Id(7)));
        }
    }
}
