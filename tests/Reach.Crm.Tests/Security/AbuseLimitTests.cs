using System.Net;
using System.Text;
using Reach.Crm.Tests.Infrastructure;

namespace Reach.Crm.Tests.Security;

/// <summary>CORS is closed unless configured; bodies are capped (413 with the limit); a wrong content type is 415 with the reason.</summary>
public sealed class AbuseLimitTests(CrmFactory crm) : IClassFixture<CrmFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_cross_origin_access_is_granted_by_default()
    {
        using var client = crm.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/campaigns");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var answer = await client.SendAsync(preflight, Ct);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));

        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/campaigns");
        get.Headers.Add("Origin", "https://evil.example");
        using var response = await client.SendAsync(get, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_body_over_the_default_cap_gets_413_with_the_limit()
    {
        using var client = crm.CreateClient();
        var body = $$"""{"name":"{{new string('x', 1024 * 1024 + 1)}}"}""";
        using var response = await client.PostAsync("/api/campaigns", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("at most 1,048,576 bytes", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0L, await crm.ScalarAsync<long>("SELECT count(*) FROM campaigns"));
    }

    [Fact]
    public async Task A_wrong_content_type_gets_415_with_the_reason()
    {
        using var client = crm.CreateClient();
        using var response = await client.PostAsync("/api/campaigns", new StringContent("<campaign/>", Encoding.UTF8, "application/xml"), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("application/xml", await response.Content.ReadAsStringAsync(Ct));
    }
}
