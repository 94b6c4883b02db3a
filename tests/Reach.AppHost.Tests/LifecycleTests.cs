using System.Diagnostics;
using System.Net;
using Reach.AppHost.Tests.Infrastructure;

namespace Reach.AppHost.Tests;

/// <summary>
/// A crashed service is shown as Exited and restarts from the dashboard; and must-show 2 of issue 8: after Ctrl+C
/// (SIGINT) no child process or PostgreSQL server of the run remains.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class LifecycleTests
{
    [Fact]
    public async Task A_crashed_service_is_restarted_from_the_dashboard_and_Ctrl_C_leaves_no_process_behind()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var run = AppHostRun.Start();
        var resources = await run.Dashboard.WaitUntilAllHealthyAsync(TimeSpan.FromMinutes(8), () => run.Output, ct);

        // A crashed service is shown as such, and the dashboard's Restart brings it back.
        var channelPid = resources.Single(r => r.GetProperty("name").GetString() == "channel").GetProperty("processId").GetInt32();
        Process.GetProcessById(channelPid).Kill();
        await WaitForStateAsync(run, "channel", s => s.StartsWith("Exited", StringComparison.Ordinal), ct);
        using (var restart = await run.Http.PostAsync("/api/resources/channel/restart", null, ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);
        }

        await WaitForStateAsync(run, "channel", s => !s.StartsWith("Exited", StringComparison.Ordinal), ct);
        resources = await run.Dashboard.WaitUntilAllHealthyAsync(TimeSpan.FromMinutes(2), () => run.Output, ct);
        Assert.NotEqual(channelPid, resources.Single(r => r.GetProperty("name").GetString() == "channel").GetProperty("processId").GetInt32());

        // Health is watched while running: a service that stops answering /health is shown Unhealthy, then Healthy again.
        var webPid = resources.Single(r => r.GetProperty("name").GetString() == "web").GetProperty("processId").GetInt32();
        Signal("-STOP", webPid);
        try
        {
            await WaitForAsync(run, "web", r => r.GetProperty("health").GetString() == "Unhealthy", ct);
        }
        finally
        {
            Signal("-CONT", webPid);
        }

        await WaitForAsync(run, "web", r => r.GetProperty("health").GetString() == "Healthy", ct);

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

    private static Task WaitForStateAsync(AppHostRun run, string name, Func<string, bool> state, CancellationToken ct) =>
        WaitForAsync(run, name, r => state(r.GetProperty("state").GetString()!), ct);

    private static async Task WaitForAsync(AppHostRun run, string name, Func<System.Text.Json.JsonElement, bool> condition, CancellationToken ct)
    {
        for (var i = 0; i < 90; i++)
        {
            var resource = (await run.Dashboard.ResourcesAsync(ct)).Single(r => r.GetProperty("name").GetString() == name);
            if (condition(resource))
            {
                return;
            }

            await Task.Delay(500, ct);
        }

        throw new TimeoutException($"{name} did not reach the expected state:\n{run.Output}");
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit(5000);
    }
}
