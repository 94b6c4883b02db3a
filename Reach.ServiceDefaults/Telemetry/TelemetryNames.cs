namespace Reach.ServiceDefaults.Telemetry;

/// <summary>The activity sources and meters every Reach service exports.</summary>
public static class TelemetryNames
{
    /// <summary>
    /// Activity sources: ASP.NET Core server requests, HttpClient calls, Npgsql commands and the
    /// services' own sources (<c>Reach.Crm</c>, <c>Reach.Channel</c>, <c>Reach.Web</c>, …).
    /// </summary>
    public static IReadOnlyList<string> ActivitySources { get; } =
    [
        "Microsoft.AspNetCore",
        "System.Net.Http",
        "Npgsql",
        "Reach.*",
    ];

    /// <summary>Meters: ASP.NET Core hosting and Kestrel, HttpClient, the runtime, Npgsql and the services' own meters.</summary>
    public static IReadOnlyList<string> Meters { get; } =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http",
        "System.Runtime",
        "Npgsql",
        "Reach.*",
    ];
}
