using Reach.AppHost.Tests.Infrastructure;

namespace Reach.AppHost.Tests;

/// <summary>Must-show 2 of issue 8: after Ctrl+C (SIGINT) no child process or PostgreSQL server of the run remains.</summary>
[Collection(AppHostCollection.Name)]
public sealed class CtrlCTests
{
    [Fact]
    public async Task Ctrl_C_stops_the_services_and_postgres_and_leaves_no_process_behind()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var run = AppHostRun.Start();
        var resources = await run.Dashboard.WaitUntilAllHealthyAsync(TimeSpan.FromMinutes(8), () => run.Output, ct);

        // Every process of the run: dotnet run, the AppHost and the services below it, and the PostgreSQL server
        // (started by pg_ctl, so not a descendant) with its backends.
        var postgresPid = resources.Single(r => r.GetProperty("name").GetString() == "postgres").GetProperty("processId").GetInt32();
        var servicePids = resources.Where(r => r.GetProperty("type").GetString() == "Project").Select(r => r.GetProperty("processId").GetInt32()).ToArray();
        Assert.Equal(3, servicePids.Length);
        var runPids = ProcessTable.Descendants(run.ProcessId).Append(run.ProcessId)
            .Concat(ProcessTable.Descendants(postgresPid)).Append(postgresPid)
            .ToHashSet();
        Assert.Superset(servicePids.ToHashSet(), runPids);
        Assert.Contains(run.Directory, ProcessTable.CommandLine(postgresPid) ?? "", StringComparison.Ordinal);

        Assert.True(await run.InterruptAsync(TimeSpan.FromSeconds(90)), "the AppHost did not exit within 90 s of SIGINT:\n" + run.Output);

        var alive = runPids.Where(ProcessTable.IsAlive).Select(pid => $"{pid}: {ProcessTable.CommandLine(pid)}").ToArray();
        Assert.True(alive.Length == 0, "still running after Ctrl+C:\n" + string.Join('\n', alive));
        Assert.Empty(ProcessTable.WithCommandLineContaining(run.Directory));
        Assert.False(File.Exists(Path.Combine(run.Directory, "data", "postmaster.pid")), "postmaster.pid left behind");
        Assert.Contains("Stopped", run.Output, StringComparison.Ordinal);
    }
}
