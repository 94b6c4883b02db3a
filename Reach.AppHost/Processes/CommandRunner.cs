using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Reach.AppHost.Processes;

/// <summary>Runs short-lived commands (<c>initdb</c>, <c>pg_ctl</c>, <c>dotnet build</c>) to completion, optionally as another user.</summary>
public sealed class CommandRunner(ILogger<CommandRunner> logger)
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> and collects its output.</summary>
    /// <param name="fileName">The executable.</param>
    /// <param name="arguments">Its arguments (passed as a list: no shell quoting involved).</param>
    /// <param name="runAsUser">When set, runs it as this user through <c>runuser -u &lt;user&gt; --</c> (the caller must be root).</param>
    /// <param name="workingDirectory">The working directory; default the temp folder.</param>
    /// <param name="cancellationToken">Kills the command (and its children) when cancelled.</param>
    /// <returns>The exit code and output; a non-zero exit code is not an exception.</returns>
    public async Task<CommandResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string? runAsUser = null, string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo
        {
            FileName = runAsUser is null ? fileName : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        if (runAsUser is not null)
        {
            foreach (var a in new[] { "-u", runAsUser, "--", fileName })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        logger.LogDebug("Running {Command} {Arguments}", psi.FileName, string.Join(' ', psi.ArgumentList));
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            throw;
        }

        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }
}
