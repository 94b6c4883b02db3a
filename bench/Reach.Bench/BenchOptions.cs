using System.Globalization;

namespace Reach.Bench;

/// <summary>Command-line settings of one benchmark run.</summary>
/// <param name="Scenarios">Scenario names or tags to run (empty: all).</param>
/// <param name="Customers">Size of the generated demo brand, the database the segmentation and campaign scenarios use (<c>--customers</c>, default 1,000,000).</param>
/// <param name="OutDirectory">Folder that receives <c>results.json</c> and <c>results.md</c>.</param>
/// <param name="Durable">Run PostgreSQL with fsync, synchronous commit and full-page writes on (<c>--durable</c>).</param>
/// <param name="SharedBuffers">PostgreSQL <c>shared_buffers</c> of the throwaway cluster.</param>
public sealed record BenchOptions(
    IReadOnlyList<string> Scenarios,
    int Customers,
    string OutDirectory,
    bool Durable,
    string SharedBuffers)
{
    /// <summary>The usage text printed by <c>--help</c> and on bad arguments.</summary>
    public const string Usage =
        """
        Reach.Bench — runs the Reach benchmarks in one process and prints one table.

        dotnet run -c Release --project bench/Reach.Bench -- [options]

          --scenarios a,b       scenario names or tags (default: all); tags: ingest, segmentation, customers, campaigns,
                                copilot; names: online-retail-import, demo-generation, segment-preview, customer-page,
                                web-customer-page, campaign-launch, receipts, live-funnel, dispatch, copilot-planner
          --customers N         demo brand size of the demo database (default 1000000)
          --out DIR             output folder for results.json and results.md (default <repo>/bench/out)
          --durable             PostgreSQL with fsync/synchronous_commit/full_page_writes on (default off)
          --shared-buffers SIZE PostgreSQL shared_buffers (default 1GB)
          --help                this text
        """;

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An option is unknown or its value is missing or malformed.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var scenarios = new List<string>();
        var customers = 1_000_000;
        string? outDir = null;
        var durable = false;
        var sharedBuffers = "1GB";

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--scenarios" or "--scenario":
                    scenarios.AddRange(Value(args, ref i, arg)
                        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--customers":
                    var text = Value(args, ref i, arg).Replace("_", "", StringComparison.Ordinal);
                    if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out customers) || customers < 1)
                    {
                        throw new ArgumentException($"--customers needs a positive whole number, not '{text}'");
                    }

                    break;
                case "--out":
                    outDir = Path.GetFullPath(Value(args, ref i, arg));
                    break;
                case "--durable":
                    durable = true;
                    break;
                case "--shared-buffers":
                    sharedBuffers = Value(args, ref i, arg);
                    break;
                default:
                    throw new ArgumentException($"unknown option '{arg}'");
            }
        }

        outDir ??= Path.Combine(RepositoryRoot.Find() ?? Directory.GetCurrentDirectory(), "bench", "out");
        return new BenchOptions(scenarios, customers, outDir, durable, sharedBuffers);
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string name)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{name} needs a value");
        }

        return args[++i];
    }
}
