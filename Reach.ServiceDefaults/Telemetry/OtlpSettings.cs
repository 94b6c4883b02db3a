using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Reach.ServiceDefaults.Telemetry;

/// <summary>
/// The OTLP settings the AppHost passes through the standard <c>OTEL_*</c> configuration keys
/// (environment variables, or any other configuration source).
/// </summary>
/// <param name="Endpoint">The collector's base address (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>); <see langword="null"/> when telemetry export is off.</param>
/// <param name="Protocol">The wire protocol (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>): HTTP/protobuf unless <c>grpc</c> is asked for.</param>
/// <param name="ServiceName">The service name (<c>OTEL_SERVICE_NAME</c>, else the application name).</param>
public sealed record OtlpSettings(Uri? Endpoint, OtlpExportProtocol Protocol, string ServiceName)
{
    /// <summary>Configuration key of the collector's base address.</summary>
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Configuration key of the wire protocol (<c>http/protobuf</c> or <c>grpc</c>).</summary>
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>Configuration key of the service name.</summary>
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";

    /// <summary>Whether telemetry is exported (an endpoint is configured).</summary>
    public bool IsEnabled => Endpoint is not null;

    /// <summary>Reads the settings from configuration.</summary>
    /// <param name="configuration">The application's configuration.</param>
    /// <param name="applicationName">The service name to use when <c>OTEL_SERVICE_NAME</c> is not set.</param>
    /// <returns>The settings; <see cref="Endpoint"/> is <see langword="null"/> when the endpoint is missing or not an absolute URI.</returns>
    public static OtlpSettings FromConfiguration(IConfiguration configuration, string applicationName)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var endpointText = configuration[EndpointKey];
        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(endpointText)
            && Uri.TryCreate(endpointText.Trim(), UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
        {
            endpoint = parsed;
        }

        var protocol = configuration[ProtocolKey]?.Trim().ToLowerInvariant() switch
        {
            "grpc" => OtlpExportProtocol.Grpc,
            _ => OtlpExportProtocol.HttpProtobuf,
        };

        var serviceName = configuration[ServiceNameKey];
        if (string.IsNullOrWhiteSpace(serviceName))
        {
            serviceName = string.IsNullOrWhiteSpace(applicationName) ? "unknown_service:dotnet" : applicationName;
        }

        return new OtlpSettings(endpoint, protocol, serviceName.Trim());
    }
}
