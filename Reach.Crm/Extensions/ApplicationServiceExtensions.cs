using Microsoft.EntityFrameworkCore;
using Npgsql;
using Reach.Crm.Infrastructure;
using Reach.Crm.Ingest;
using Reach.Crm.Segmentation;

namespace Reach.Crm.Extensions;

/// <summary>Registers the CRM's services.</summary>
public static class ApplicationServiceExtensions
{
    /// <summary>Database (connection string <c>ConnectionStrings:reach</c>), migrations at start, health, ingest.</summary>
    /// <exception cref="InvalidOperationException">The connection string <c>reach</c> is not configured.</exception>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("reach")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:reach is not set. Start Reach with `dotnet run --project Reach.AppHost`, or set ConnectionStrings__reach to a PostgreSQL connection string.");

        builder.Services.Configure<ReachOptions>(builder.Configuration.GetSection(ReachOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        builder.Services.AddDbContext<ReachDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")));
        builder.Services.AddSingleton<DatabaseState>();
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        builder.Services.AddProblemDetails();

        builder.Services.Configure<SegmentationOptions>(builder.Configuration.GetSection(SegmentationOptions.Section));
        builder.Services.AddSingleton<AudienceService>();
        builder.Services.AddScoped<SegmentService>();

        builder.Services.AddSingleton<IngestService>();
        builder.Services.AddSingleton<DemoDataSeeder>();
        return builder;
    }
}
