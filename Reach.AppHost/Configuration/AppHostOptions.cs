namespace Reach.AppHost.Configuration;

/// <summary>
/// The AppHost's settings, bound from the <c>Reach</c> configuration section (appsettings.json, environment
/// variables such as <c>Reach__Postgres__Port</c>, or command-line arguments such as <c>--Reach:SeedDemoData=false</c>).
/// The external database is <c>ConnectionStrings:reach</c>, outside this section.
/// </summary>
public sealed class AppHostOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Reach";

    /// <summary>The local PostgreSQL cluster.</summary>
    public PostgresOptions Postgres { get; set; } = new();

    /// <summary>The telemetry dashboard and its OTLP receiver.</summary>
    public DashboardOptions Dashboard { get; set; } = new();

    /// <summary>The web UI.</summary>
    public WebOptions Web { get; set; } = new();

    /// <summary>How the services are built before they start.</summary>
    public BuildOptions Build { get; set; } = new();

    /// <summary>Fill the CRM with <see cref="Dataset"/> when its database has no customers (default true).</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>What an empty CRM is filled with: <c>demo</c> (default) or <c>online-retail</c> (<see cref="Configuration.Dataset"/>).</summary>
    public string Dataset { get; set; } = Configuration.Dataset.Demo;

    /// <summary>The Online Retail CSV for <c>Reach:Dataset=online-retail</c>; default <c>../shared/data/online-retail/online_retail.csv</c> beside the repository.</summary>
    public string? OnlineRetailFile { get; set; }

    /// <summary>Demo data size and seed used by <see cref="SeedDemoData"/>.</summary>
    public DemoDataOptions DemoData { get; set; } = new();

    /// <summary>The development users passed to crm and web as <c>Reach__Auth__Users__{i}__UserName|Password|Role</c>.</summary>
    public List<DevelopmentUser> Users { get; set; } = [];

    /// <summary>How long a resource may take to become healthy after it started (default 180 s).</summary>
    public int HealthTimeoutSeconds { get; set; } = 180;

    /// <summary>How long a service gets to stop after SIGTERM before it is killed (default 10 s).</summary>
    public int StopTimeoutSeconds { get; set; } = 10;

    /// <summary>How many recent output lines are kept per resource (default 2,000).</summary>
    public int LogBufferLines { get; set; } = 2000;
}
