namespace Reach.AppHost.Processes;

/// <summary>The outcome of a command run to completion.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Everything it wrote to stdout.</param>
/// <param name="StandardError">Everything it wrote to stderr.</param>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Whether the command exited with 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>stderr and stdout together, trimmed (for error messages).</summary>
    public string Output => (StandardError + Environment.NewLine + StandardOutput).Trim();
}
