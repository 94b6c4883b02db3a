using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Reach.Crm.Auditing;
using Reach.Crm.Security;
using Npgsql;
using Reach.Crm.Infrastructure;
using Reach.Crm.Ingest;
using Reach.Crm.Segmentation;
using Microsoft.Extensions.AI;
using Reach.Crm.Campaigns;
using Reach.Crm.Copilot;
using Reach.Crm.Copilot.Embedded;
using Reach.Crm.Copilot.OpenAi;
using Reach.Crm.Campaigns.Dispatch;
using Reach.Crm.Campaigns.Funnel;
using Reach.Crm.Receipts;
using Reach.ServiceDefaults.Webhooks;

namespace Reach.Crm.Extensions;

/// <summary>Registers the CRM's services.</summary>
public static class ApplicationServiceExtensions
{
    /// <summary>
    /// Everything the CRM service runs: <see cref="AddCrmData"/> plus campaigns, the dispatcher, receipts, the live
    /// funnel and the PostgreSQL listener.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection string or (outside Development) the signing secret is not configured.</exception>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddCrmData();
        builder.AddCrmSecurity();
        builder.Services.AddSingleton<PostgresListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresListener>());
        builder.Services.AddSingleton(new StandardWebhook(SigningSecret(builder)));
        builder.Services.Configure<DispatchOptions>(builder.Configuration.GetSection(DispatchOptions.Section));
        builder.Services.AddHttpClient<ChannelClient>();
        builder.Services.AddSingleton<DispatchQueue>();
        builder.Services.AddHostedService<Dispatcher>();
        builder.Services.AddScoped<CampaignService>();
        builder.Services.AddSingleton<CampaignLauncher>();
        builder.Services.AddSingleton<ReceiptIngestService>();
        builder.Services.AddSingleton<FunnelService>();
        builder.Services.AddSingleton<CatalogueProvider>();
        builder.Services.Configure<LlmOptions>(builder.Configuration.GetSection(LlmOptions.Section));
        var llm = builder.Configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        if (llm.IsOpenAi)
        {
            // Not from IHttpClientFactory: ServiceDefaults' standard resilience handler (3 retries, 10 s attempt timeout)
            // would double the adapter's own retries and cut long generations short. A missing key fails the first
            // copilot turn with a clear message; the rest of Reach keeps working.
            builder.Services.AddSingleton<IChatClient>(sp => OpenAiChatClient.Create(
                builder.Configuration, httpClient: null, sp.GetRequiredService<ILogger<OpenAiChatClient>>()));
        }
        else
        {
            builder.Services.AddSingleton<IChatClient, EmbeddedPlannerChatClient>();
        }
        builder.Services.AddScoped<CopilotService>();
        return builder;
    }

    /// <summary>
    /// The data core, also used by the CLI verbs: database (connection string <c>ConnectionStrings:reach</c>),
    /// migrations at start, health, ingest, segmentation, users and the audit log.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection string <c>reach</c> is not configured.</exception>
    public static IHostApplicationBuilder AddCrmData(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("reach")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:reach is not set. Start Reach with `dotnet run --project Reach.AppHost`, or set ConnectionStrings__reach to a PostgreSQL connection string.");

        builder.Services.Configure<ReachOptions>(builder.Configuration.GetSection(ReachOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        var ingest = builder.Configuration.GetSection(IngestOptions.Section).Get<IngestOptions>() ?? new IngestOptions();
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(WithSessionSettings(connectionString, ingest)).Build());
        builder.Services.AddDbContext<ReachDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")));
        builder.Services.AddSingleton<DatabaseState>();
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        builder.Services.AddProblemDetails();

        builder.Services.Configure<SegmentationOptions>(builder.Configuration.GetSection(SegmentationOptions.Section));
        builder.Services.AddSingleton<AudienceService>();
        builder.Services.AddScoped<SegmentService>();

        builder.Services.Configure<IngestOptions>(builder.Configuration.GetSection(IngestOptions.Section));
        builder.Services.AddSingleton<IngestService>();
        builder.Services.AddSingleton<DemoDataSeeder>();

        builder.Services.AddScoped<IPasswordHasher<ReachUser>, PasswordHasher<ReachUser>>();
        builder.Services.AddScoped<UserService>();
        builder.Services.AddScoped<AuditLogService>();
        return builder;
    }

    /// <summary>
    /// <c>Reach:Channel:SigningSecret</c>, shared with the channel. In Development a fixed dev secret is used when it is
    /// not set; elsewhere a missing secret stops the CRM at start.
    /// </summary>
    private static string SigningSecret(IHostApplicationBuilder builder) =>
        builder.Configuration["Reach:Channel:SigningSecret"] is { Length: > 0 } secret ? secret
        : builder.Environment.IsDevelopment() ? DevelopmentSigningSecret
        : throw new InvalidOperationException("Reach:Channel:SigningSecret is not set; the CRM and the channel must share it (the AppHost sets it).");

    /// <summary>The secret used in Development when none is configured (the channel uses the same default).</summary>
    public const string DevelopmentSigningSecret = "reach-dev-signing-secret";

    /// <summary>
    /// The connection string with the sessions' settings added to its <c>Options</c> (or to <c>PGOPTIONS</c>'s, which
    /// Npgsql reads only when the connection string has none): <c>temp_buffers</c> from
    /// <see cref="IngestOptions.TempBuffersMegabytes"/>, unless those options set it already (in any case, with - or _);
    /// and the write buffer of <see cref="IngestOptions.WriteBufferKilobytes"/> unless the connection string sets one.
    /// </summary>
    internal static string WithSessionSettings(string connectionString, IngestOptions ingest)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var options = settings.Options ?? Environment.GetEnvironmentVariable("PGOPTIONS") ?? "";
        if (ingest.TempBuffersMegabytes > 0 && !options.Replace('-', '_').Contains("temp_buffers", StringComparison.OrdinalIgnoreCase))
        {
            settings.Options = $"{options} -c temp_buffers={ingest.TempBuffersMegabytes}MB".TrimStart();
        }

        // The keys as written (Npgsql's builder reports every key it knows as present).
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>();
        if (ingest.WriteBufferKilobytes > 0 && !written.Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("WriteBufferSize", StringComparison.OrdinalIgnoreCase)))
        {
            settings.WriteBufferSize = checked(ingest.WriteBufferKilobytes * 1024);
        }

        return settings.ConnectionString;
    }
}
