using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reach.Crm.Segmentation;

namespace Reach.Crm.Tests.Segmentation;

/// <summary>The segments API: preview, save, list, read, delete, and 400s that say what and where.</summary>
public sealed class SegmentsApiTests(SegmentationFixture crm) : IClassFixture<SegmentationFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, string Body)> PostJsonAsync(string path, string json)
    {
        using var client = crm.CreateClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Preview_returns_count_reachable_sample_and_description()
    {
        const string definition = """{"match":"all","conditions":[{"field":"category","op":"in","value":["lipstick"]},{"field":"last_order_days_ago","op":"gt","value":60}]}""";
        var (status, body) = await PostJsonAsync("/api/segments/preview", definition);
        Assert.Equal(HttpStatusCode.OK, status);
        var preview = JsonSerializer.Deserialize<AudiencePreview>(body, JsonSerializerOptions.Web)!;
        var expected = SegmentationFixture.Expected(definition);
        Assert.Equal(expected.Count, preview.Count);
        Assert.InRange(preview.Sample.Count, 1, 8);
        Assert.All(preview.Sample, m => Assert.Contains(m.ExternalId!, expected));
        Assert.Equal("bought lipstick AND last order more than 60 days ago", preview.Description);
        Assert.Equal(SegmentTestData.AsOf, preview.ReferenceTime);

        var members = SegmentTestData.Customers.Where(c => expected.Contains(c.Id)).ToList();
        Assert.Equal(members.Count(c => c.Consents.Contains("email") && c.Email is not null), preview.Reachable.Email);
        Assert.Equal(members.Count(c => c.Consents.Contains("whatsapp") && c.Phone is not null), preview.Reachable.Whatsapp);
        Assert.Equal(members.Count(c => c.Consents.Contains("sms") && c.Phone is not null), preview.Reachable.Sms);
        Assert.Equal(members.Count(c => c.Consents.Contains("rcs") && c.Phone is not null), preview.Reachable.Rcs);

        // The wrapped form { "definition": … } is the same request.
        var (_, wrapped) = await PostJsonAsync("/api/segments/preview", $$"""{"definition":{{definition}}}""");
        Assert.Equal(preview.Count, JsonSerializer.Deserialize<AudiencePreview>(wrapped, JsonSerializerOptions.Web)!.Count);
    }

    [Fact]
    public async Task Segments_are_saved_counted_listed_read_and_deleted()
    {
        const string definition = """{"match":"any","conditions":[{"field":"city","op":"eq","value":"Pune"},{"field":"tag","op":"eq","value":"vip"}]}""";
        var (status, body) = await PostJsonAsync("/api/segments", $$"""{"name":"Pune or VIP","description":"test","definition":{{definition}}}""");
        Assert.Equal(HttpStatusCode.Created, status);
        var saved = JsonSerializer.Deserialize<SegmentResponse>(body, JsonSerializerOptions.Web)!;
        Assert.Equal(SegmentationFixture.Expected(definition).Count, saved.LastCount);
        Assert.NotNull(saved.LastCountMs);
        Assert.Equal("city is Pune OR tagged vip", saved.Summary);
        Assert.Equal("manual", saved.CreatedVia);

        using var client = crm.CreateClient();
        var list = await client.GetFromJsonAsync<List<SegmentResponse>>("/api/segments", Ct);
        Assert.Contains(list!, s => s.Id == saved.Id);
        var one = await client.GetFromJsonAsync<SegmentResponse>($"/api/segments/{saved.Id}", Ct);
        Assert.Equal(saved.LastCount, one!.LastCount);
        Assert.True(one.LastCountedAt >= saved.LastCountedAt);
        Assert.Equal(1L, await crm.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'segment.created' AND entity_id = @id", ("id", saved.Id)));

        // In use by a campaign: 409, and the segment stays.
        await using (var conn = await crm.OpenAsync())
        {
            await using var cmd = new Npgsql.NpgsqlCommand("""
                INSERT INTO campaigns (name, segment_id, channel, message_template, status, created_via, created_at, updated_at)
                VALUES ('uses it', @s, 'email', 'Hi', 'draft', 'manual', now(), now()) RETURNING id
                """, conn);
            cmd.Parameters.AddWithValue("s", saved.Id);
            var campaignId = (long)(await cmd.ExecuteScalarAsync(Ct))!;
            var refused = await client.DeleteAsync($"/api/segments/{saved.Id}", Ct);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("used by a campaign", await refused.Content.ReadAsStringAsync(Ct));
            await using var delete = new Npgsql.NpgsqlCommand("DELETE FROM campaigns WHERE id = @id", conn);
            delete.Parameters.AddWithValue("id", campaignId);
            await delete.ExecuteNonQueryAsync(Ct);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/segments/{saved.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/segments/{saved.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/segments/{saved.Id}", Ct)).StatusCode);
    }

    public static TheoryData<string, string, string> Malformed() => new()
    {
        { """{"match":"all","conditions":[{"field":"shoe_size","op":"eq","value":"9"}]}""", "conditions[0].field", "'shoe_size' is not a field; allowed: city" },
        { """{"match":"all","conditions":[{"field":"total_spent","op":"gt","value":"lots"}]}""", "conditions[0].value", "total_spent takes a number, got 'lots' (text)" },
        { """{"match":"all","conditions":[{"field":"city","op":"eq","value":5}]}""", "conditions[0].value", "city takes text, got 5 (a number)" },
        { """{"match":"all","conditions":[{"field":"city","op":"eq","value":"Pune"},{"field":"total_spent","op":"contains","value":"5"}]}""", "conditions[1].op", "'contains' is not allowed for total_spent; allowed: eq, neq, gt, gte, lt, lte, between" },
        { """{"match":"all","conditions":[{"field":"city","op":"in","value":[]}]}""", "conditions[0].value", "in takes a non-empty list; the list is empty" },
        { """{"match":"all","conditions":[{"field":"total_spent","op":"between","value":[10]}]}""", "conditions[0].value", "between takes [low, high]" },
        { """{"match":"all","conditions":[{"field":"total_spent","op":"between","value":[10, 5]}]}""", "conditions[0].value", "low 10 is greater than high 5" },
        { """{"match":"some","conditions":[]}""", "match", "'some' is not allowed; allowed: all, any" },
        { """{"match":"all","conditions":[{"field":"order_count","op":"eq","value":1.5}]}""", "conditions[0].value", "order_count takes a whole number, got 1.5" },
        { """{"match":"all","conditions":[{"field":"consent","op":"eq","value":"fax"}]}""", "conditions[0].value", "'fax' is not a channel; allowed: whatsapp, sms, email, rcs" },
        { """{"match":"all","conditions":[{"field":"city","op":"eq","value":"Pune","extra":1}]}""", "conditions[0].extra", "unknown property of a condition" },
        { """{"match":"all","conditions":[{"match":"any","conditions":[]}]}""", "conditions[0].conditions", "a nested group needs at least one condition" },
        { """{"match":"all","conditions":[{"field":"last_order_days_ago","op":"gt","value":-3}]}""", "conditions[0].value", "-3 days is out of range" },
        { """[1,2,3]""", "(root)", "expected a group object" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_definitions_get_400_naming_path_value_and_what_is_allowed(string json, string path, string message)
    {
        var (status, body) = await PostJsonAsync("/api/segments/preview", json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Invalid segment definition", problem.RootElement.GetProperty("title").GetString());
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("path").GetString() == path && e.GetProperty("message").GetString()!.Contains(message));
    }

    [Fact]
    public async Task Nesting_deeper_than_8_is_refused_before_sql()
    {
        var json = """{"field":"city","op":"eq","value":"Pune"}""";
        for (var i = 0; i < 9; i++)
        {
            json = $$"""{"match":"all","conditions":[{{json}}]}""";
        }

        var (status, body) = await PostJsonAsync("/api/segments/preview", json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("nested deeper than 8", body);

        // 200 levels: refused by the JSON reader's depth limit, still a 400 with the reason.
        var deep = string.Concat(Enumerable.Repeat("""{"match":"all","conditions":[""", 200)) + string.Concat(Enumerable.Repeat("]}", 200));
        (status, body) = await PostJsonAsync("/api/segments/preview", deep);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("depth", body);
    }

    [Fact]
    public async Task A_1_MB_body_gets_413_with_the_limit()
    {
        var huge = $$"""{"match":"all","conditions":[{"field":"city","op":"in","value":["{{new string('x', 1024 * 1024)}}"]}]}""";
        var (status, body) = await PostJsonAsync("/api/segments/preview", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("at most 262,144 bytes", body);
    }

    [Fact]
    public async Task Saving_needs_a_name_and_a_valid_definition()
    {
        var (status, body) = await PostJsonAsync("/api/segments", """{"definition":{"match":"all","conditions":[{"field":"bogus","op":"eq","value":1}]}}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"path\":\"name\"", body);
        Assert.Contains("\"path\":\"definition.conditions[0].field\"", body);
        Assert.Equal(0L, await crm.ScalarAsync<long>("SELECT count(*) FROM segments WHERE definition::text LIKE '%bogus%'"));
    }

    [Fact]
    public async Task Injection_attempts_are_values_not_sql()
    {
        const string definition = """{"match":"all","conditions":[{"field":"city","op":"eq","value":"x'); DROP TABLE customers; --"}]}""";
        var (status, body) = await PostJsonAsync("/api/segments/preview", definition);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"count\":0", body);
        Assert.Equal((long)SegmentTestData.Customers.Count, await crm.ScalarAsync<long>("SELECT count(*) FROM customers"));
    }
}
