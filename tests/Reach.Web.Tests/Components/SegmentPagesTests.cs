using System.Net;
using System.Text.Json;
using Reach.Web.Components.Pages;
using Reach.Web.Crm;
using Reach.Web.Segments;

namespace Reach.Web.Tests.Components;

/// <summary>The segments list, the builder and the builder's DSL model.</summary>
public sealed class SegmentPagesTests
{
    private const string Nested = """{"match":"all","conditions":[{"field":"category","op":"in","value":["lipstick","kajal"]},{"field":"last_order_days_ago","op":"between","value":[30,90]},{"match":"any","negate":true,"conditions":[{"field":"consent","op":"eq","value":"sms"}]}]}""";

    private static Segment Segment(long id) =>
        new(id, "Lapsed lipstick buyers", null, Samples.Element(Nested), "bought lipstick or kajal …", "copilot", "maya", Samples.Now, 1234, Samples.Now, 12, 1);

    [Fact]
    public void The_builder_model_round_trips_nested_groups_lists_and_ranges()
    {
        var model = FilterGroupModel.FromJson(Samples.Element(Nested));
        Assert.Equal(JsonSerializer.Serialize(Samples.Element(Nested)), JsonSerializer.Serialize(model.ToJson()));

        var condition = new FilterConditionModel { Field = "total_spent", Op = "contains" };
        condition.Field = "total_spent"; // an operator the field doesn't allow falls back to its first
        Assert.Equal("eq", condition.Op);
        condition.Field = "consent";
        Assert.Equal("whatsapp", condition.Value);
    }

    [Fact]
    public async Task Segments_list_states()
    {
        var crm = new FakeCrmClient();
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"empty\"", await r.RenderAsync<Reach.Web.Components.Pages.Segments>());
        }

        crm.Hang = true;
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"loading\"", await r.RenderFirstFrameAsync<Reach.Web.Components.Pages.Segments>());
        }

        crm.Hang = false;
        crm.Failure = new CrmException(HttpStatusCode.InternalServerError, "boom");
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"error\"", await r.RenderAsync<Reach.Web.Components.Pages.Segments>());
        }

        crm.Failure = new CrmException(HttpStatusCode.Forbidden, "no");
        await using (var r = new PageRenderer(crm, "viewer"))
        {
            Assert.Contains("data-state=\"forbidden\"", await r.RenderAsync<Reach.Web.Components.Pages.Segments>());
        }

        crm.Failure = null;
        crm.Segments.Add(Segment(3));
        await using (var r = new PageRenderer(crm))
        {
            var html = await r.RenderAsync<Reach.Web.Components.Pages.Segments>();
            Assert.Contains("href=\"/segments/3\"", html);
            Assert.Contains("1,234", html);
        }
    }

    [Fact]
    public async Task The_builder_shows_the_definition_with_field_aware_editors_and_the_live_count()
    {
        var crm = new FakeCrmClient();
        crm.Segments.Add(Segment(3));
        crm.Audience = new AudiencePreview(1234, new(1000, 900, 800, 10), [new(1, null, "Asha Rao", null, "Mumbai", "India", 3, 4500m, null, false)], "bought lipstick", Samples.Now, 12);
        await using (var r = new PageRenderer(crm))
        {
            var html = await r.RenderAsync<SegmentEditor>(new Dictionary<string, object?> { ["Id"] = 3L });
            Assert.Contains("data-live-count>1,234<", html);
            Assert.Contains("value=\"lipstick, kajal\"", html);
            Assert.Contains("data-depth=\"1\"", html); // the nested group
            Assert.Contains("<option value=\"between\" selected>between</option>", html.Replace("selected=\"\"", "selected", StringComparison.Ordinal));
            Assert.Contains("Asha Rao", html);
            Assert.Contains("Save segment", html);
        }

        await using (var viewer = new PageRenderer(crm, "viewer"))
        {
            Assert.DoesNotContain("Save segment", await viewer.RenderAsync<SegmentEditor>(new Dictionary<string, object?> { ["Id"] = 3L }));
        }

        crm.Failure = new CrmException(HttpStatusCode.BadRequest, "conditions[0].value: is missing");
        await using (var r = new PageRenderer(crm))
        {
            Assert.Contains("data-state=\"error\"", await r.RenderAsync<SegmentEditor>(new Dictionary<string, object?> { ["Id"] = 3L }));
        }
    }
}
