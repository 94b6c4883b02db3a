using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reach.AppHost.Build;
using Reach.AppHost.Configuration;
using Reach.AppHost.Health;
using Reach.AppHost.Processes;
using Reach.AppHost.Resources;

namespace Reach.AppHost.Services;

/// <summary>
/// Runs a <see cref="ProjectResource"/>: waits for its build, starts its output with the Aspire environment, waits until
/// <c>/health</c> answers 200, and reports an unexpected exit as <see cref="ResourceState.Exited"/> (no automatic restart).
/// </summary>
public sealed class ProjectRunner(
    ServiceBuild build,
    ServiceEnvironment environment,
    HealthWaiter healthWaiter,
    ChildProcessJournal journal,
    IOptions<AppHostOptions> options,
    ILogger<ProjectRunner> logger) : IResourceRunner
{
    /// <inheritdoc />
    public bool CanRun(Resource resource) => resource is ProjectResource;

    /// <inheritdoc />
    public async Task StartAsync(Resource resource, CancellationToken cancellationToken)
    {
        var project = (ProjectResource)resource;
        if (!build.IsCompleted)
        {
            project.Update(s => s with { State = ResourceState.Building, Message = null, ExitCode = null });
        }

        var output = await build.GetOutputAsync(project, cancellationToken);
        var (fileName, arguments) = output.Command;
        var instanceId = Guid.NewGuid().ToString();
        var launch = new ProcessLaunch(fileName, arguments, project.ProjectDirectory, environment.Build(project, instanceId));
        project.LaunchEnvironment = launch.Environment
            .Where(e => e.Value is not null)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(e => e.Key, e => e.Value!, StringComparer.Ordinal);

        if (project.Process is { HasExited: true } previous)
        {
            previous.Dispose();
        }

        project.StopRequested = false;
        var child = ChildProcess.Start(launch, (line, isError) => project.Log.Append(line, isError ? LogStream.Error : LogStream.Output));
        project.Process = child;
        journal.Add(child.Id, output.Command.FileName == DotnetHost.Path ? output.AssemblyPath : output.Command.FileName);
        project.Update(s => s with
        {
            State = ResourceState.Starting,
            Url = project.Url,
            ProcessId = child.Id,
            ExitCode = null,
            Message = null,
            StartedAt = DateTimeOffset.UtcNow,
        });
        Note(project, $"Started {launch} (pid {child.Id}, {project.Url})");
        _ = WatchExitAsync(project, child);

        var timeout = TimeSpan.FromSeconds(options.Value.HealthTimeoutSeconds);
        var outcome = await healthWaiter.WaitAsync(project.Name, project.Url, child.Exited, timeout, cancellationToken);
        switch (outcome)
        {
            case HealthOutcome.Healthy:
                project.Update(s => s.State == ResourceState.Starting ? s with { State = ResourceState.Running } : s);
                break;
            case HealthOutcome.TimedOut:
                project.Update(s => s.State == ResourceState.Starting
                    ? s with { State = ResourceState.Unhealthy, Message = $"{HealthWaiter.HealthPath} did not answer 200 within {timeout.TotalSeconds:N0} s" }
                    : s);
                break;
            case HealthOutcome.Exited:
                // WatchExitAsync records the exit; make sure it has before returning.
                await child.Exited;
                break;
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(Resource resource, CancellationToken cancellationToken)
    {
        var project = (ProjectResource)resource;
        if (project.Process is not { HasExited: false } child)
        {
            return;
        }

        project.StopRequested = true;
        project.SetState(ResourceState.Stopping);
        Note(project, $"Stopping (SIGTERM to pid {child.Id})");
        var grace = TimeSpan.FromSeconds(options.Value.StopTimeoutSeconds);
        var exitCode = await child.StopAsync(grace, cancellationToken);
        project.Update(s => s with { State = ResourceState.Stopped, ExitCode = exitCode, ProcessId = null, Message = null });
        Note(project, $"Stopped (exit code {exitCode})");
    }

    private async Task WatchExitAsync(ProjectResource project, ChildProcess child)
    {
        var exitCode = await child.Exited;
        journal.Remove(child.Id);
        if (project.StopRequested || !ReferenceEquals(project.Process, child))
        {
            return;
        }

        project.Update(s => s with { State = ResourceState.Exited, ExitCode = exitCode, ProcessId = null, Message = "exited unexpectedly" });
        project.Log.Append($"Exited unexpectedly with code {exitCode}");
        logger.LogError("{Resource} exited unexpectedly: Exited (code {ExitCode}). It is not restarted.", project.Name, exitCode);
    }

    private void Note(ProjectResource project, string message)
    {
        project.Log.Append(message);
        logger.LogInformation("{Resource}: {Message}", project.Name, message);
    }
}
