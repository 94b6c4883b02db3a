using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reach.AppHost.Build;
using Reach.AppHost.Dashboard;
using Reach.AppHost.Output;
using Reach.AppHost.Postgres;
using Reach.AppHost.Processes;
using Reach.AppHost.Resources;
using Reach.AppHost.Secrets;
using Reach.AppHost.Seeding;

namespace Reach.AppHost.Hosting;

/// <summary>
/// The AppHost's life: declare the resources, build the services, start everything in dependency order, seed demo
/// data into an empty CRM, print the resource table; on Ctrl+C / SIGTERM / SIGHUP stop everything in reverse order.
/// </summary>
public sealed class AppHostWorker(
    ResourceManager manager,
    ReachTopology topology,
    ServiceBuild build,
    SecretStore secretStore,
    PostgresLayout postgresLayout,
    DataSeeder seeder,
    ChildProcessJournal journal,
    ResourceConsole console,
    DashboardEndpoints dashboard,
    IHostApplicationLifetime lifetime,
    ILogger<AppHostWorker> logger) : BackgroundService
{
    private PosixSignalRegistration? _hangup;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A closed terminal stops the services too (the host itself handles SIGINT, SIGTERM and SIGQUIT).
        _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            lifetime.StopApplication();
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillLeftovers();

        ReachResources resources;
        AppHostSecrets secrets;
        try
        {
            await journal.StopOrphansAsync(stoppingToken);
            secrets = await secretStore.LoadOrCreateAsync(postgresLayout.SecretsFile, stoppingToken);
            resources = topology.Define(manager, secrets);
            logger.LogInformation("The CRM's first admin is '{User}'; the password is crmAdminPassword in {SecretsFile}",
                ReachTopology.CrmAdminUserName, postgresLayout.SecretsFile);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogCritical("The AppHost cannot start: {Error}", e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return;
        }

        console.Attach(manager.Resources);
        manager.ResourceChanged += s => logger.LogDebug("{Resource} is {State}", s.Name, s.StateText);

        build.Start(resources.Projects, stoppingToken);
        await Task.WhenAll(manager.StartAllAsync(stoppingToken), SeedWhenCrmIsReadyAsync(resources, secrets.CrmAdminPassword, stoppingToken));

        console.WriteBlock(ResourceTable.Render(manager.GetSnapshots()) + DashboardLine());
        var failed = manager.GetSnapshots().Where(s => s.State != ResourceState.Running).Select(s => $"{s.Name} ({s.StateText})").ToArray();
        if (failed.Length > 0)
        {
            logger.LogWarning("Not running: {Resources}. Press Ctrl+C to stop the rest.", string.Join(", ", failed));
        }
        else
        {
            logger.LogInformation("Reach is running: web {WebUrl}, crm {CrmUrl}. Press Ctrl+C to stop.", resources.Web.Url, resources.Crm.Url);
        }

        // From here on, state changes (a crashed service) are reported as they happen.
        manager.ResourceChanged += s =>
        {
            if (s.State == ResourceState.Exited)
            {
                console.WriteBlock(ResourceTable.Render(manager.GetSnapshots()));
            }
        };
    }

    private string DashboardLine() => dashboard.Enabled
        ? $"Dashboard: {dashboard.UiUrl}   (OTLP/HTTP receiver: {dashboard.OtlpUrl}; the services export to {dashboard.ExportEndpoint} over {dashboard.ExportProtocol})\n\n"
        : "";

    private async Task SeedWhenCrmIsReadyAsync(ReachResources resources, string adminPassword, CancellationToken cancellationToken)
    {
        try
        {
            await resources.Crm.WhenReadyAsync(cancellationToken);
        }
        catch (DependencyFailedException)
        {
            return;
        }

        await seeder.SeedIfEmptyAsync(resources.Crm, resources.Postgres, adminPassword, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Stopping: web, crm, channel, then PostgreSQL");
        await base.StopAsync(cancellationToken);
        await manager.StopAllAsync(cancellationToken);
        console.WriteBlock(ResourceTable.Render(manager.GetSnapshots()));
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _hangup?.Dispose();
        base.Dispose();
    }

    // Last resort when the process exits without an orderly stop: no service outlives the AppHost.
    private void KillLeftovers()
    {
        foreach (var project in manager.Resources.OfType<ProjectResource>())
        {
            if (project.Process is { HasExited: false } child)
            {
                child.Kill();
            }
        }
    }
}
