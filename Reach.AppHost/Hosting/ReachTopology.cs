using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reach.AppHost.Configuration;
using Reach.AppHost.Networking;
using Reach.AppHost.Resources;
using Reach.AppHost.Secrets;

namespace Reach.AppHost.Hosting;

/// <summary>
/// Declares Reach's resources and their wiring, the way an Aspire AppHost's <c>Program.cs</c> would:
/// <c>postgres</c> (database <c>reach</c>); <c>channel</c>; <c>crm</c> referencing and waiting for postgres and
/// referencing channel; <c>web</c> referencing and waiting for crm. Service ports are allocated here.
/// </summary>
public sealed class ReachTopology(
    IConfiguration configuration,
    IOptions<AppHostOptions> options,
    RepositoryLayout repository,
    PortAllocator ports,
    ILogger<ReachTopology> logger)
{
    /// <summary>The database and connection-string name.</summary>
    public const string DatabaseName = "reach";

    /// <summary>The configuration key of the channel's shared signing secret (environment form).</summary>
    public const string SigningSecretVariable = "Reach__Channel__SigningSecret";

    /// <summary>The CRM's first admin, ensured by the CRM at start with the password from <c>secrets.json</c>.</summary>
    public const string CrmAdminUserName = "admin";

    /// <summary>Creates the resources and adds them to <paramref name="manager"/>, dependencies first.</summary>
    /// <param name="manager">The resource manager.</param>
    /// <param name="secrets">The generated secrets (database password, signing secret, the CRM admin's password).</param>
    public ReachResources Define(ResourceManager manager, AppHostSecrets secrets)
    {
        var o = options.Value;
        var logLines = o.LogBufferLines;
        var external = configuration.GetConnectionString(DatabaseName);

        var postgres = manager.Add(new PostgresResource("postgres", DatabaseName, string.IsNullOrWhiteSpace(external) ? null : external, logLines)
        {
            Password = secrets.PostgresPassword,
        });

        var channel = manager.Add(new ProjectResource("channel", repository.ProjectFile("Reach.Channel"), LoopbackUrl(ports.Allocate()), logLines)
            .WithEnvironment(SigningSecretVariable, secrets.ChannelSigningSecret));

        var crm = new ProjectResource("crm", repository.ProjectFile("Reach.Crm"), LoopbackUrl(ports.Allocate()), logLines)
            .WithEnvironment(SigningSecretVariable, secrets.ChannelSigningSecret)
            .WithEnvironment("Reach__Auth__Users__0__UserName", CrmAdminUserName)
            .WithEnvironment("Reach__Auth__Users__0__Password", secrets.CrmAdminPassword)
            .WithEnvironment("Reach__Auth__Users__0__Role", "admin");
        crm.WithReference(postgres).WaitFor(postgres).WithReference(channel);
        manager.Add(crm);

        var web = new ProjectResource("web", repository.ProjectFile("Reach.Web"), WebUrl(o.Web.Url), logLines);
        web.WithReference(crm).WaitFor(crm);
        manager.Add(web);

        if (Dataset.Validate(o.Dataset) == Dataset.OnlineRetail)
        {
            crm.WithEnvironment("Reach__Currency", "GBP").WithEnvironment("Reach__Segmentation__AsOf", Dataset.OnlineRetailAsOf);
            web.WithEnvironment("Reach__Web__Currency", "GBP");
        }

        // The development sign-ins, created by the CRM when missing (after its admin, user 0); the web app signs people
        // in through the CRM.
        for (var i = 0; i < o.Users.Count; i++)
        {
            crm.WithEnvironment($"Reach__Auth__Users__{i + 1}__UserName", o.Users[i].UserName)
                .WithEnvironment($"Reach__Auth__Users__{i + 1}__Password", o.Users[i].Password)
                .WithEnvironment($"Reach__Auth__Users__{i + 1}__Role", o.Users[i].Role);
        }

        return new ReachResources(postgres, channel, crm, web);
    }

    private string WebUrl(string configured)
    {
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException($"Reach:Web:Url is '{configured}'; an absolute http:// URL is expected.");
        }

        var port = ports.Allocate(uri.Port);
        if (port == uri.Port)
        {
            return uri.GetLeftPart(UriPartial.Authority);
        }

        logger.LogWarning("Port {Port} of {Url} is busy; web uses {Fallback}", uri.Port, configured, LoopbackUrl(port));
        return LoopbackUrl(port);
    }

    private static string LoopbackUrl(int port) => "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
}
