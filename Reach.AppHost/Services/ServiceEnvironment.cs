using System.Collections;
using Reach.AppHost.Dashboard;
using Reach.AppHost.Resources;

namespace Reach.AppHost.Services;

/// <summary>
/// The environment of a service, with .NET Aspire's names (ARCHITECTURE §2): its own URL, the addresses of what it
/// references, telemetry settings and development extras. Inherited variables that would contradict them are removed.
/// </summary>
public sealed class ServiceEnvironment(DashboardEndpoints dashboard)
{
    private static readonly string[] OwnedPrefixes = ["ConnectionStrings__", "services__", "OTEL_"];
    private static readonly string[] OwnedNames = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    /// <summary>The variables for one start of <paramref name="project"/> (a null value removes an inherited variable).</summary>
    /// <param name="project">The service.</param>
    /// <param name="instanceId">This process's <c>service.instance.id</c>.</param>
    public IReadOnlyDictionary<string, string?> Build(ProjectResource project, string instanceId)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (OwnedNames.Contains(name, StringComparer.OrdinalIgnoreCase)
                || OwnedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                env[name] = null;
            }
        }

        foreach (var reference in project.References)
        {
            switch (reference)
            {
                case PostgresResource postgres:
                    env[$"ConnectionStrings__{postgres.DatabaseName}"] = postgres.ConnectionString
                        ?? throw new InvalidOperationException($"{postgres.Name} has no connection string yet.");
                    break;
                case ProjectResource service:
                    env[$"services__{service.Name}__http__0"] = service.Url;
                    break;
            }
        }

        env["ASPNETCORE_URLS"] = project.Url;
        if (dashboard.ExportEndpoint is { } endpoint)
        {
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint;
        }

        env["OTEL_EXPORTER_OTLP_PROTOCOL"] = dashboard.ExportProtocol;
        env["OTEL_SERVICE_NAME"] = project.Name;
        env["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceId}";
        env["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
        env["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
        env["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (name, value) in project.Environment)
        {
            env[name] = value;
        }

        return env;
    }
}
