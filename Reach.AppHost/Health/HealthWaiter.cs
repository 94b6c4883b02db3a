using Microsoft.Extensions.Logging;

namespace Reach.AppHost.Health;

/// <summary>Polls a service's readiness endpoint (<c>GET {url}/health</c>) until it answers 200.</summary>
public sealed class HealthWaiter(IHttpClientFactory httpClientFactory, ILogger<HealthWaiter> logger)
{
    /// <summary>The readiness path every Reach service serves (ARCHITECTURE §2).</summary>
    public const string HealthPath = "/health";

    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Waits until <c>{baseUrl}/health</c> answers 200, the process exits, or <paramref name="timeout"/> passes.</summary>
    /// <param name="name">The resource name (for logs).</param>
    /// <param name="baseUrl">The service's base address.</param>
    /// <param name="exited">Completes when the service's process exits.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<HealthOutcome> WaitAsync(string name, string baseUrl, Task exited, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var baseUri = new Uri(baseUrl);
        var url = HealthProbe.HealthUrl(baseUri);
        var client = httpClientFactory.CreateClient(nameof(HealthWaiter));
        var deadline = DateTime.UtcNow + timeout;
        var lastReport = DateTime.UtcNow;
        string? lastProblem = null;
        var interval = FirstInterval;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (exited.IsCompleted)
            {
                return HealthOutcome.Exited;
            }

            lastProblem = await HealthProbe.ProbeAsync(client, baseUri, AttemptTimeout, cancellationToken);
            if (lastProblem is null)
            {
                return HealthOutcome.Healthy;
            }

            if (DateTime.UtcNow >= deadline)
            {
                logger.LogWarning("{Resource} is not healthy after {Seconds:N0} s: {Problem}", name, timeout.TotalSeconds, lastProblem);
                return HealthOutcome.TimedOut;
            }

            if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(15))
            {
                lastReport = DateTime.UtcNow;
                logger.LogInformation("Waiting for {Resource} to be healthy ({Url}: {Problem})", name, url, lastProblem);
            }

            // Quick at first; then slower, so that a failing endpoint does not flood the service's log.
            await Task.WhenAny(exited, Task.Delay(interval, cancellationToken));
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 3 / 2, MaxInterval.Ticks));
        }
    }
}
