using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reach.AppHost.Resources;

namespace Reach.AppHost.Health;

/// <summary>
/// Checks every running resource every few seconds, as Aspire's dashboard shows health continuously: a service's
/// <c>GET /health</c> must answer 200, PostgreSQL must accept TCP connections. The result is shown by the dashboard;
/// the resource's state (and what waits for it) is left alone.
/// </summary>
public sealed class ResourceHealthMonitor(
    ResourceManager manager,
    IHttpClientFactory httpClientFactory,
    TimeProvider time,
    ILogger<ResourceHealthMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);
    private readonly ConcurrentDictionary<string, HealthReport> _reports = new(StringComparer.Ordinal);

    /// <summary>The last report of a resource, or null when it has not been checked while running.</summary>
    public HealthReport? Report(string name) => _reports.GetValueOrDefault(name);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await Task.WhenAll(manager.Resources.Select(r => CheckAsync(r, stoppingToken)));
        }
    }

    private async Task CheckAsync(Resource resource, CancellationToken cancellationToken)
    {
        var snapshot = resource.Snapshot;
        if (snapshot.State != ResourceState.Running || snapshot.Url is null)
        {
            _reports.TryRemove(resource.Name, out _);
            return;
        }

        string? problem;
        if (resource is ProjectResource project)
        {
            var client = httpClientFactory.CreateClient(nameof(ResourceHealthMonitor));
            problem = await HealthProbe.ProbeAsync(client, new Uri(project.Url), AttemptTimeout, cancellationToken, HealthWaiter.HealthPath + ": ");
        }
        else
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(AttemptTimeout);
            try
            {
                problem = await TcpProblemAsync(new Uri(snapshot.Url), attempt.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problem = $"no answer within {AttemptTimeout.TotalSeconds:N0} s";
            }
            catch (SocketException e)
            {
                problem = e.Message;
            }
        }

        var report = new HealthReport(problem is null, problem, time.GetUtcNow());
        var previous = _reports.GetValueOrDefault(resource.Name);
        _reports[resource.Name] = report;
        if (previous is not null && previous.Healthy != report.Healthy)
        {
            logger.LogWarning("{Resource} is {Health}{Detail}", resource.Name, report.Healthy ? "healthy again" : "unhealthy", problem is null ? "" : ": " + problem);
        }
    }

    private static async Task<string?> TcpProblemAsync(Uri address, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, cancellationToken);
        return null;
    }
}
