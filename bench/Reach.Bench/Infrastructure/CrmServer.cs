namespace Reach.Bench.Infrastructure;

/// <summary>Starts the CRM as a web server child process against the demo database.</summary>
public static class CrmServer
{
    /// <summary>The secret the CRM verifies receipts with (and signs channel batches with); the bench signs with it too.</summary>
    public const string SigningSecret = "bench";

    /// <summary>The user the scenarios sign in as (ensured by the CRM at start; an approver may stage, launch and read everything).</summary>
    public const string UserName = "bench-approver";

    /// <summary>The bench user's password.</summary>
    public const string Password = "bench-password-1";

    /// <summary>
    /// Starts <c>dotnet Reach.Crm.dll</c> (no verb: the web host) with <c>ConnectionStrings__reach</c>,
    /// <c>Reach__Segmentation__AsOf</c> = the demo data's reference time, <c>Reach__Dispatch__Enabled=false</c>
    /// <c>Reach__Channel__SigningSecret=bench</c>, the bench user (an approver; copilot turns unthrottled for the
    /// copilot scenario); <paramref name="overrides"/> are applied last.
    /// Request and EF Core logs are at <c>Warning</c>.
    /// </summary>
    public static Task<BenchService> StartAsync(
        DemoDatabase demo, IReadOnlyDictionary<string, string>? overrides, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__reach"] = demo.ConnectionString,
            ["Reach__Segmentation__AsOf"] = demo.ReferenceTime.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["Reach__Dispatch__Enabled"] = "false",
            ["Reach__Channel__SigningSecret"] = SigningSecret,
            ["Reach__Auth__Users__0__UserName"] = UserName,
            ["Reach__Auth__Users__0__Password"] = Password,
            ["Reach__Auth__Users__0__Role"] = "approver",
            ["Reach__Auth__CopilotPerUserPerMinute"] = "100000",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning",
            ["Logging__LogLevel__System.Net.Http"] = "Warning",
            ["Logging__LogLevel__Polly"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return BenchService.StartAsync("crm", CrmCli.AssemblyPath, environment, TimeSpan.FromMinutes(3), cancellationToken);
    }
}
