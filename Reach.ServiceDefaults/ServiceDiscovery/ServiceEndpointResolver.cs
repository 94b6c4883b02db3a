using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace Reach.ServiceDefaults.ServiceDiscovery;

/// <summary>
/// Resolves logical service addresses the way Microsoft.Extensions.ServiceDiscovery's configuration
/// provider does: <c>http://crm/path</c> takes scheme, host and port from <c>services:crm:http:0</c>;
/// <c>https+http://channel</c> tries <c>services:channel:https</c> then <c>services:channel:http</c>
/// (the first scheme with configuration wins); <c>http://_dashboard.crm</c> reads the named endpoint
/// <c>services:crm:dashboard</c>. Without configuration the host stays as written and a scheme list
/// collapses to its first scheme. Path, query and fragment are always kept.
/// </summary>
/// <remarks>
/// Endpoint values are absolute URIs (<c>http://127.0.0.1:5081</c>) or <c>host:port</c> (which takes
/// the request's scheme). An endpoint section may be a list (index 0 is used) or a single value.
/// Configuration is read on every call, so reloaded values apply at once.
/// </remarks>
/// <param name="configuration">The configuration holding the <c>services</c> section (for example the <c>services__crm__http__0</c> environment variable).</param>
public sealed class ServiceEndpointResolver(IConfiguration configuration)
{
    /// <summary>The configuration section holding service endpoints.</summary>
    public const string SectionName = "services";

    private readonly IConfiguration configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));

    /// <summary>
    /// Resolves an address. Relative addresses are returned unchanged; an absolute address without
    /// configuration keeps its host, with a scheme list (<c>https+http</c>) reduced to its first scheme.
    /// </summary>
    /// <param name="address">The address, e.g. <c>http://crm/api/receipts</c>.</param>
    /// <returns>The concrete address, e.g. <c>http://127.0.0.1:5081/api/receipts</c>.</returns>
    public Uri Resolve(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);

        if (TryResolve(address, out var resolved))
        {
            return resolved;
        }

        if (!address.IsAbsoluteUri)
        {
            return address;
        }

        var schemes = SplitSchemes(address.Scheme);
        return schemes.Length > 1 ? WithScheme(address, schemes[0]) : address;
    }

    /// <summary>Resolves an address given as text (see <see cref="Resolve(Uri)"/>).</summary>
    /// <param name="address">An absolute or relative address.</param>
    /// <returns>The concrete address.</returns>
    public Uri Resolve(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return Resolve(new Uri(address, UriKind.RelativeOrAbsolute));
    }

    /// <summary>Resolves an address only when configuration names an endpoint for its service.</summary>
    /// <param name="address">The address, e.g. <c>https+http://channel/dispatch</c>.</param>
    /// <param name="resolved">The concrete address when the service has a configured endpoint.</param>
    /// <returns><see langword="true"/> when an endpoint was found in configuration.</returns>
    public bool TryResolve(Uri address, [NotNullWhen(true)] out Uri? resolved)
    {
        ArgumentNullException.ThrowIfNull(address);
        resolved = null;

        if (!address.IsAbsoluteUri || address.HostNameType != UriHostNameType.Dns)
        {
            return false;
        }

        var schemes = SplitSchemes(address.Scheme);
        var (serviceName, endpointName) = ParseHost(address.IdnHost);
        if (serviceName.Length == 0)
        {
            return false;
        }

        var service = configuration.GetSection(SectionName).GetSection(serviceName);
        if (endpointName is not null)
        {
            return TryReadEndpoint(service.GetSection(endpointName), schemes[0], address, out resolved);
        }

        foreach (var scheme in schemes)
        {
            if (TryReadEndpoint(service.GetSection(scheme), scheme, address, out resolved))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryReadEndpoint(IConfigurationSection section, string defaultScheme, Uri address, [NotNullWhen(true)] out Uri? resolved)
    {
        resolved = null;

        // Either a single value (services:crm:http) or a list (services:crm:http:0, :1, …): take the first.
        var value = section.Value;
        if (string.IsNullOrWhiteSpace(value))
        {
            value = section.GetSection("0").Value;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            value = section.GetChildren()
                .Select(static child => (Index: int.TryParse(child.Key, out var index) ? index : int.MaxValue, child.Value))
                .Where(static child => !string.IsNullOrWhiteSpace(child.Value))
                .OrderBy(static child => child.Index)
                .Select(static child => child.Value)
                .FirstOrDefault();
        }

        if (string.IsNullOrWhiteSpace(value) || !TryParseEndpoint(value.Trim(), defaultScheme, out var endpoint))
        {
            return false;
        }

        var builder = new UriBuilder(address)
        {
            Scheme = endpoint.Scheme,
            Host = endpoint.Host,
            Port = endpoint.IsDefaultPort ? -1 : endpoint.Port,
        };
        resolved = builder.Uri;
        return true;
    }

    private static bool TryParseEndpoint(string value, string defaultScheme, [NotNullWhen(true)] out Uri? endpoint)
    {
        var text = value.Contains("://", StringComparison.Ordinal) ? value : $"{defaultScheme}://{value}";
        if (Uri.TryCreate(text, UriKind.Absolute, out endpoint) && endpoint.Host.Length > 0)
        {
            return true;
        }

        endpoint = null;
        return false;
    }

    private static (string ServiceName, string? EndpointName) ParseHost(string host)
    {
        // "_endpoint.service" names an endpoint explicitly (Aspire's convention).
        if (host.StartsWith('_'))
        {
            var dot = host.IndexOf('.');
            if (dot > 1 && dot < host.Length - 1)
            {
                return (host[(dot + 1)..], host[1..dot]);
            }
        }

        return (host, null);
    }

    private static string[] SplitSchemes(string scheme) =>
        scheme.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Uri WithScheme(Uri address, string scheme)
    {
        var builder = new UriBuilder(address) { Scheme = scheme };
        if (address.IsDefaultPort)
        {
            builder.Port = -1;
        }

        return builder.Uri;
    }
}
