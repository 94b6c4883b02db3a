using System.Net;
using Reach.Web.Components.Pages;
using Reach.Web.Crm;

namespace Reach.Web.Tests.Components;

/// <summary>The home and copilot pages in each state.</summary>
public sealed class HomeAndCopilotTests
{
    [Fact]
    public async Task Home_states_and_starter_goals_open_the_copilot()
    {
        var crm = new FakeCrmClient();
        await using (var r = new PageRenderer(crm))
        {
            var html = await r.RenderAsync<Home>();
            Assert.Contains("data-state=\"empty\"", html);
            Assert.Contains("href=\"/copilot?goal=Win%20back%20customers", html);
        }

        crm.Hang = true;
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"loading\"", await r.RenderFirstFrameAsync<Home>());
        }

        crm.Hang = false;
        crm.Failure = new CrmException(HttpStatusCode.BadGateway, "upstream");
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"error\"", await r.RenderAsync<Home>());
        }

        crm.Failure = new CrmException(HttpStatusCode.Forbidden, "no");
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"forbidden\"", await r.RenderAsync<Home>());
        }

        crm.Failure = null;
        crm.Campaigns.Add(Samples.Completed());
        crm.Kpis = new Kpis(1_000_000, 10_000_000, 98_765_432.1m, 1, 1150, 120, 123456.5m, "INR");
        await using (var r = new PageRenderer(crm))
        {
            var html = await r.RenderAsync<Home>();
            Assert.Contains("data-kpi=\"customers\">1,000,000<", html);
            Assert.Contains("data-kpi=\"orders\">10,000,000<", html);
            Assert.Contains("data-kpi=\"sent\">1<", html);
            Assert.Contains("₹98,765,432.10", html);
            Assert.Contains("₹123,456.50", html);
        }
    }

    [Fact]
    public async Task Copilot_states()
    {
        var crm = new FakeCrmClient();
        await using (var r = new PageRenderer(crm))
        {
            var html = await r.RenderAsync<Copilot>();
            Assert.Contains("data-state=\"empty\"", html);
            Assert.Contains("<label for=\"goal\">", html);
        }

        crm.Hang = true;
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"loading\"", await r.RenderFirstFrameAsync<Copilot>());
        }

        crm.Hang = false;
        crm.Failure = new CrmException(HttpStatusCode.InternalServerError, "boom");
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"error\"", await r.RenderAsync<Copilot>());
        }

        crm.Failure = null;
        await using (var r = new PageRenderer(crm, "viewer"))
        {
            var html = await r.RenderAsync<Copilot>();
            Assert.Contains("data-state=\"forbidden\"", html);
            Assert.DoesNotContain("<textarea", html);
        }
    }

    [Fact]
    public async Task A_resumed_conversation_shows_audience_segment_and_staged_campaign_cards()
    {
        var crm = new FakeCrmClient();
        crm.Conversations.Add(new ConversationSummary(5, "Win back lipstick buyers", "maya", Samples.Now, Samples.Now));
        crm.ConversationDetails[5] = new Conversation(5, "Win back lipstick buyers", "maya", Samples.Now, Samples.Now,
        [
            new(1, "user", "Win back customers who bought lipstick", null, null, null, null, Samples.Now),
            new(2, "assistant", null, "preview_audience", "c1", Samples.Element("""{"filter":{}}"""), null, Samples.Now),
            new(3, "tool", null, "preview_audience", "c1", null,
                Samples.Element("""{"count":1234,"reachable":{"Whatsapp":1000,"Sms":900,"Email":800,"Rcs":10},"description":"bought lipstick","sample":[{"name":"Asha Rao","city":"Mumbai","orders":3,"total_spent":4500.5}]}"""), Samples.Now),
            new(4, "assistant", null, "create_segment", "c2", Samples.Element("{}"), null, Samples.Now),
            new(5, "tool", null, "create_segment", "c2", null, Samples.Element("""{"segment_id":3,"name":"Lapsed lipstick buyers","count":1234,"description":"bought lipstick"}"""), Samples.Now),
            new(6, "assistant", null, "stage_campaign", "c3", Samples.Element("""{"channel_reason":"Most opted in to WhatsApp"}"""), null, Samples.Now),
            new(7, "tool", null, "stage_campaign", "c3", null, Samples.Element("""{"campaign_id":7,"status":"draft","name":"Lipstick win-back","channel":"whatsapp","message_template":"Hi {{first_name}}","warnings":[]}"""), Samples.Now),
            new(8, "assistant", "I staged the campaign for review.", null, null, null, null, Samples.Now),
        ]);
        await using var r = new PageRenderer(crm);
        var html = await r.RenderAsync<Copilot>(new Dictionary<string, object?> { ["ConversationId"] = 5L });
        Assert.Contains("data-audience-count>1,234<", html);
        Assert.Contains("Asha Rao", html);
        Assert.Contains("₹4,500.50", html);
        Assert.Contains("href=\"/segments/3\"", html);
        Assert.Contains("data-tool=\"stage_campaign\"", html);
        Assert.Contains("Most opted in to WhatsApp", html);
        Assert.Contains("href=\"/campaigns/7\"", html);
        Assert.Contains("Review & approve", html);
        Assert.Contains("I staged the campaign for review.", html);
        Assert.Contains("aria-current=\"page\"", html);
    }
}
