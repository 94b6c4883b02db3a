using System.Net.Http.Json;
using System.Text.Json;

namespace Reach.AppHost.Tests.Infrastructure;

/// <summary>The dashboard's JSON API, as its pages use it.</summary>
/// <param name="http">A client whose base address is the dashboard UI.</param>
public sealed class DashboardClient(HttpClient http)
{
    /// <summary>Every resource (name, state, health, url, processId, environment, …).</summary>
    public async Task<JsonElement[]> ResourcesAsync(CancellationToken ct) =>
        await http.GetFromJsonAsync<JsonElement[]>("/api/resources", ct) ?? [];

    /// <summary>The trace summaries matching a text (span name, attribute value, trace id).</summary>
    public async Task<JsonElement[]> TracesAsync(string? text, CancellationToken ct) =>
        await http.GetFromJsonAsync<JsonElement[]>("/api/traces?limit=1000" + (text is null ? "" : "&text=" + Uri.EscapeDataString(text)), ct) ?? [];

    /// <summary>One trace with its spans and linked traces, or null.</summary>
    public async Task<JsonElement?> TraceAsync(string traceId, CancellationToken ct)
    {
        using var response = await http.GetAsync("/api/traces/" + traceId, ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(ct) : null;
    }

    /// <summary>Structured log records of a resource.</summary>
    public async Task<JsonElement[]> LogsAsync(string resource, CancellationToken ct) =>
        await http.GetFromJsonAsync<JsonElement[]>("/api/logs?resource=" + Uri.EscapeDataString(resource), ct) ?? [];

    /// <summary>The instruments of a resource.</summary>
    public async Task<JsonElement[]> MetricsAsync(string resource, CancellationToken ct) =>
        await http.GetFromJsonAsync<JsonElement[]>("/api/metrics?resource=" + Uri.EscapeDataString(resource), ct) ?? [];

    /// <summary>Waits until every resource is Running and Healthy.</summary>
    /// <exception cref="TimeoutException">Not in time; the message lists the states.</exception>
    public async Task<JsonElement[]> WaitUntilAllHealthyAsync(TimeSpan timeout, Func<string> output, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer from the dashboard";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var resources = await ResourcesAsync(ct);
                last = string.Join(", ", resources.Select(r => $"{r.GetProperty("name").GetString()}={r.GetProperty("state").GetString()}"));
                if (resources.Length == 4 && resources.All(r => r.GetProperty("health").GetString() == "Healthy"))
                {
                    return resources;
                }

                if (resources.Any(r => r.GetProperty("state").GetString() is { } s && (s.StartsWith("FailedToStart", StringComparison.Ordinal) || s.StartsWith("Exited", StringComparison.Ordinal))))
                {
                    throw new InvalidOperationException($"A resource failed: {last}\n{output()}");
                }
            }
            catch (HttpRequestException)
            {
                // The AppHost is still building or starting its dashboard.
            }

            await Task.Delay(1000, ct);
        }

        throw new TimeoutException($"Not all resources healthy after {timeout}: {last}\n{output()}");
    }
}
