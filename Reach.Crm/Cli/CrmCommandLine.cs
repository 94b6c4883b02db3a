using System.Globalization;
using System.Text.Json;
using Reach.Crm.Extensions;
using Reach.Crm.Ingest;
using Reach.Crm.Ingest.DemoData;
using Reach.Crm.Ingest.Formats;
using Reach.Crm.Security;

namespace Reach.Crm.Apis;

/// <summary>
/// CLI verbs of <c>Reach.Crm</c> (run against <c>ConnectionStrings:reach</c>, migrations applied first; the report is printed as JSON):
/// <list type="bullet">
/// <item><c>import-online-retail &lt;file.csv&gt; [--contacts synthetic]</c></item>
/// <item><c>import-customers &lt;file.csv|file.json&gt;</c>, <c>import-orders &lt;file.csv|file.json&gt;</c></item>
/// <item><c>seed-demo [--customers 1000] [--seed 42]</c></item>
/// <item><c>add-user --user-name X --password Y --role viewer|marketer|approver|admin</c> (prints the user, never the password)</item>
/// </list>
/// Exit code 0 on success, 2 on bad arguments, an unreadable file or an existing user.
/// </summary>
public static class CrmCommandLine
{
    private static readonly string[] Verbs = ["import-online-retail", "import-customers", "import-orders", "seed-demo", "add-user"];

    /// <summary>Runs a verb when <paramref name="args"/> starts with one; false when it doesn't (start the web host).</summary>
    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || !Verbs.Contains(args[0]))
        {
            return false;
        }

        var verb = args[0];
        var rest = args.Skip(1).ToList();
        var builder = Host.CreateApplicationBuilder(rest.Where(a => a.Contains('=')).ToArray());
        builder.AddCrmData();
        using var host = builder.Build();
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        await host.StartAsync(cts.Token);
        try
        {
            var ingest = host.Services.GetRequiredService<IngestService>();
            var currency = builder.Configuration["Reach:Currency"] ?? "INR";
            object report = verb switch
            {
                "import-online-retail" => await WithFile(rest, s => ingest.ImportOrdersAsync(IngestSources.OnlineRetailCsv(s, cts.Token),
                    Option(rest, "--contacts") == "synthetic" ? OrderCustomers.CreateWithSyntheticContacts : OrderCustomers.Create, cts.Token)),
                "import-customers" => await WithFile(rest, s => ingest.ImportCustomersAsync(
                    IsJson(rest) ? IngestSources.CustomersJson(s, cts.Token) : IngestSources.CustomersCsv(s, cts.Token), cts.Token)),
                "import-orders" => await WithFile(rest, s => ingest.ImportOrdersAsync(
                    IsJson(rest) ? IngestSources.OrdersJson(s, currency, cts.Token) : IngestSources.OrdersCsv(s, currency, cts.Token), OrderCustomers.MustExist, cts.Token)),
                "add-user" => await AddUserAsync(host.Services, rest, cts.Token),
                _ => await host.Services.GetRequiredService<DemoDataSeeder>().SeedAsync(new DemoDataOptions(
                    int.Parse(Option(rest, "--customers") ?? "1000", CultureInfo.InvariantCulture),
                    int.Parse(Option(rest, "--seed") ?? "42", CultureInfo.InvariantCulture)), cts.Token) is var (c, o) ? new[] { c, o } : null!,
            };
            Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            Environment.ExitCode = 0;
        }
        catch (Exception e) when (e is IngestFormatException or IOException or ArgumentException or FormatException or JsonException or UserRequestException)
        {
            await Console.Error.WriteLineAsync($"{verb}: {e.Message}");
            Environment.ExitCode = 2;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        return true;
    }

    private static async Task<IngestReport> WithFile(List<string> rest, Func<Stream, Task<IngestReport>> run)
    {
        var path = rest.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !a.Contains('='))
            ?? throw new ArgumentException("a file path is required");
        // A 1 MiB buffer: each read of a file is a thread-pool hop on Linux, and 64 KiB reads cost the Online Retail
        // import (45 MB) more in waking and spinning workers than in parsing.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return await run(stream);
    }

    private static async Task<UserResponse> AddUserAsync(IServiceProvider services, List<string> rest, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserService>()
            .CreateAsync(Option(rest, "--user-name"), Option(rest, "--password"), Option(rest, "--role"), "cli", ct);
    }

    private static bool IsJson(List<string> rest) => rest.Any(a => a.EndsWith(".json", StringComparison.OrdinalIgnoreCase));

    private static string? Option(List<string> rest, string name)
    {
        var i = rest.IndexOf(name);
        return i >= 0 && i + 1 < rest.Count ? rest[i + 1] : null;
    }
}
