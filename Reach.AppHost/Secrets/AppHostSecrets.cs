using System.Text.Json.Serialization;

namespace Reach.AppHost.Secrets;

/// <summary>Secrets generated once and kept between runs in <c>secrets.json</c> (mode 600) next to the cluster's data folder.</summary>
/// <param name="PostgresPassword">The password of the <c>reach</c> role of the local cluster.</param>
/// <param name="ChannelSigningSecret">The Standard Webhooks secret shared by the CRM and the channel (<c>Reach:Channel:SigningSecret</c>).</param>
/// <param name="CrmAdminPassword">The password of the CRM's first admin (user <c>admin</c>, ensured by the CRM at start).</param>
public sealed record AppHostSecrets(
    [property: JsonPropertyName("postgresPassword")] string PostgresPassword,
    [property: JsonPropertyName("channelSigningSecret")] string ChannelSigningSecret,
    [property: JsonPropertyName("crmAdminPassword")] string CrmAdminPassword);
