namespace Reach.AppHost.Configuration;

/// <summary>How the services are built before they start.</summary>
public sealed class BuildOptions
{
    /// <summary>Build the services at start (default true). When false, the existing build output is run.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The build configuration; default: the AppHost's own (<c>Debug</c> under <c>dotnet run</c>).</summary>
    public string? Configuration { get; set; }
}
