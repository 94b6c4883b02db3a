namespace Reach.Bench.Infrastructure;

/// <summary>
/// Builds (<see cref="ServiceBuild"/>: the bench does not reference the project) and starts the channel simulator
/// (<c>Reach.Channel</c>) as a child web server.
/// </summary>
public static class ChannelServer
{
    /// <summary>Builds <c>Reach.Channel</c> in Release and returns the path of <c>Reach.Channel.dll</c>.</summary>
    /// <exception cref="InvalidOperationException">The repository was not found, or the build failed (the message holds its errors).</exception>
    public static async Task<string> BuildAsync(CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("the repository root (Reach.Aspire.sln) was not found");
        await ServiceBuild.BuildAsync(root, "Reach.Channel", "Release", cancellationToken);
        var dll = Path.Combine(root, "Reach.Channel", "bin", "Release", "net10.0", "Reach.Channel.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"the build succeeded but {dll} is missing");
    }

    /// <summary>
    /// Starts the channel with <c>Reach__Channel__SigningSecret=bench</c>, a fixed seed, and <paramref name="timeScale"/>
    /// (0.001 plays a message's whole lifecycle in milliseconds).
    /// </summary>
    public static Task<BenchService> StartAsync(string assembly, double timeScale, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>
        {
            ["Reach__Channel__SigningSecret"] = CrmServer.SigningSecret,
            ["Reach__Channel__TimeScale"] = timeScale.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Reach__Channel__Seed"] = "42",
            // One line per accepted send batch at Information would flood the bench's output.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        return BenchService.StartAsync("channel", assembly, environment, TimeSpan.FromMinutes(2), cancellationToken);
    }
}
