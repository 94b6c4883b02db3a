namespace Reach.AppHost.Tests.Infrastructure;

/// <summary>
/// Tests that run the whole AppHost: one at a time, since each builds the services in the repository and the machine
/// has few cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppHostCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "AppHost runs";
}
