namespace Reach.AppHost.Processes;

/// <summary>What to start for a long-running child process.</summary>
/// <param name="FileName">The executable.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="WorkingDirectory">Its working directory (an ASP.NET Core app's content root).</param>
/// <param name="Environment">Variables to set; a null value removes an inherited variable.</param>
public sealed record ProcessLaunch(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>The command line, for logs.</summary>
    public override string ToString() => string.Join(' ', [FileName, .. Arguments]);
}
