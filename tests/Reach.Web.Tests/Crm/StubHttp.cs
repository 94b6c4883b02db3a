using System.Net;
using System.Text;

namespace Reach.Web.Tests.Crm;

/// <summary>An <see cref="IHttpClientFactory"/> whose clients answer from a function and record every request.</summary>
public sealed class StubHttp(Func<HttpRequestMessage, HttpResponseMessage> answer) : IHttpClientFactory
{
    /// <summary>The requests seen, with their bodies read.</summary>
    public List<(HttpRequestMessage Request, string? Body)> Requests { get; } = [];

    /// <inheritdoc />
    public HttpClient CreateClient(string name) => new(new Handler(this)) { BaseAddress = new Uri("http://crm") };

    /// <summary>A JSON answer.</summary>
    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private sealed class Handler(StubHttp owner) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (owner.Requests)
            {
                owner.Requests.Add((request, body));
            }

            return owner.Invoke(request);
        }
    }

    private HttpResponseMessage Invoke(HttpRequestMessage request) => answer(request);
}
