using System.Diagnostics;
using Reach.Bench.Infrastructure;
using Reach.Bench.Reporting;
using Reach.Testing;

namespace Reach.Bench;

/// <summary>
/// The benchmark runner: starts one throwaway PostgreSQL cluster, runs the selected scenarios one after another,
/// prints one markdown table to standard output (progress goes to standard error) and writes
/// <c>results.md</c> and <c>results.json</c>. The table is printed even when a scenario fails.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmark; exit code 0 when every scenario ran, 1 when one failed, 2 on bad arguments.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        BenchOptions options;
        IReadOnlyList<IScenario> scenarios;
        try
        {
            options = BenchOptions.Parse(args);
            scenarios = ScenarioCatalog.Select(options.Scenarios);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"Reach.Bench: {e.Message}\n\n{BenchOptions.Usage}");
            return 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Progress.Write("cancelling…");
            cts.Cancel();
        };

        var started = DateTimeOffset.Now;
        var stopwatch = Stopwatch.StartNew();
        var results = new ResultLog();
        MachineInfo? machine = null;
        PostgresCluster? cluster = null;
        try
        {
            Progress.Write($"starting PostgreSQL (durable={options.Durable}, shared_buffers={options.SharedBuffers})");
            cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions(options.Durable, options.SharedBuffers), cts.Token);
            machine = await MachineInfo.CollectAsync(started, cluster.AdminConnectionString, options.Durable, cts.Token);
            Progress.Write($"{machine.PostgresVersion}; {machine.Cores} cores; commit {machine.GitCommit ?? "n/a"}");

            var context = new BenchContext(options, cluster, results);
            foreach (var scenario in scenarios)
            {
                var scenarioWatch = Stopwatch.StartNew();
                Progress.Write($"▶ {scenario.Name}: {scenario.Description}");
                try
                {
                    cts.Token.ThrowIfCancellationRequested();
                    await scenario.RunAsync(context, cts.Token);
                    Progress.Write($"✔ {scenario.Name} done in {scenarioWatch.Elapsed.TotalSeconds:0.0} s");
                }
                catch (Exception e)
                {
                    results.Fail(scenario.Name, e);
                    Progress.Write($"✘ {scenario.Name} failed after {scenarioWatch.Elapsed.TotalSeconds:0.0} s: {e}");
                }
                finally
                {
                    await context.DropDatabasesAsync();
                }
            }

            await context.DropDemoDatabaseAsync();
        }
        catch (Exception e)
        {
            results.Fail("setup", e);
            Progress.Write($"✘ setup failed: {e}");
        }
        finally
        {
            Progress.Write("stopping PostgreSQL");
            cluster?.Dispose();
        }

        var report = new RunReport(machine, options, scenarios.Select(s => s.Name).ToList(), stopwatch.Elapsed, results.All,
            MachineInfo.LoadAverageNow());
        var markdown = ReportWriter.Markdown(report);
        Console.WriteLine();
        Console.WriteLine(markdown);
        try
        {
            await ReportWriter.WriteAsync(report, options.OutDirectory);
            Progress.Write($"wrote {Path.Combine(options.OutDirectory, "results.md")} and results.json");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Progress.Write($"could not write results to {options.OutDirectory}: {e.Message}");
            return 1;
        }

        return results.All.Any(r => r.Error is not null) ? 1 : 0;
    }
}
