namespace Reach.AppHost.Health;

/// <summary>One readiness check of a Reach service: <c>GET {baseUrl}/health</c> must answer 200.</summary>
internal static class HealthProbe
{
    /// <summary>Asks <c>{baseUrl}/health</c> once.</summary>
    /// <param name="http">The client to ask with.</param>
    /// <param name="baseUrl">The service's base address.</param>
    /// <param name="attemptTimeout">How long to wait for an answer.</param>
    /// <param name="ct">Stops the attempt (then <see cref="OperationCanceledException"/> is thrown).</param>
    /// <param name="statusPrefix">Put in front of the text when the service answers with a status other than 200.</param>
    /// <returns>Null when healthy; otherwise what is wrong.</returns>
    internal static async Task<string?> ProbeAsync(HttpClient http, Uri baseUrl, TimeSpan attemptTimeout, CancellationToken ct, string statusPrefix = "")
    {
        var url = HealthUrl(baseUrl);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(attemptTimeout);
        try
        {
            using var response = await http.GetAsync(url, attempt.Token);
            return (int)response.StatusCode == 200 ? null : $"{statusPrefix}{(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"no answer within {attemptTimeout.TotalSeconds:N0} s";
        }
    }

    /// <summary>The readiness address of a service: <c>{baseUrl}/health</c>.</summary>
    internal static Uri HealthUrl(Uri baseUrl) => new(baseUrl.OriginalString.TrimEnd('/') + HealthWaiter.HealthPath);
}
