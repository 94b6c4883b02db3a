using Reach.AppHost.Resources;

namespace Reach.AppHost.Hosting;

/// <summary>The resources of Reach (ARCHITECTURE §1–2).</summary>
/// <param name="Postgres">PostgreSQL with the <c>reach</c> database.</param>
/// <param name="Channel">The simulated messaging provider.</param>
/// <param name="Crm">The CRM API.</param>
/// <param name="Web">The marketer's UI.</param>
public sealed record ReachResources(PostgresResource Postgres, ProjectResource Channel, ProjectResource Crm, ProjectResource Web)
{
    /// <summary>The service projects, in start order.</summary>
    public IReadOnlyList<ProjectResource> Projects => [Channel, Crm, Web];
}
