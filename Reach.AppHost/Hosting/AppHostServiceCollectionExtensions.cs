using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reach.AppHost.Build;
using Reach.AppHost.Configuration;
using Reach.AppHost.Health;
using Reach.AppHost.Networking;
using Reach.AppHost.Output;
using Reach.AppHost.Postgres;
using Reach.AppHost.Processes;
using Reach.AppHost.Resources;
using Reach.AppHost.Secrets;
using Reach.AppHost.Seeding;
using Reach.AppHost.Services;

namespace Reach.AppHost.Hosting;

/// <summary>Registers the AppHost's services.</summary>
public static class AppHostServiceCollectionExtensions
{
    /// <summary>Adds the orchestrator: options, resources and their runners, the build, PostgreSQL, seeding and console output.</summary>
    public static IServiceCollection AddReachAppHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AppHostOptions>(configuration.GetSection(AppHostOptions.SectionName));
        services.AddHttpClient();

        services.AddSingleton(_ => RepositoryLayout.Locate());
        services.AddSingleton(sp => PostgresLayout.From(sp.GetRequiredService<IOptions<AppHostOptions>>().Value.Postgres));
        services.TryAddSingleton<PortAllocator>();
        services.AddSingleton<CommandRunner>();
        services.AddSingleton(sp => new ChildProcessJournal(
            sp.GetRequiredService<PostgresLayout>().ServicesJournalFile, sp.GetRequiredService<ILogger<ChildProcessJournal>>()));
        services.AddSingleton<SecretStore>();
        services.AddSingleton<HealthWaiter>();
        services.AddSingleton<ServiceBuild>();
        services.AddSingleton<ServiceEnvironment>();
        services.AddSingleton<PostgresDatabase>();
        services.AddSingleton<LocalPostgres>();
        services.AddSingleton<IResourceRunner, PostgresRunner>();
        services.AddSingleton<IResourceRunner, ProjectRunner>();
        services.AddSingleton<ResourceManager>();
        services.AddSingleton<ReachTopology>();
        services.AddSingleton<DataSeeder>();
        services.AddSingleton<ResourceConsole>();
        services.AddHostedService<AppHostWorker>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ResourceHealthMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ResourceHealthMonitor>());
        return services;
    }
}
