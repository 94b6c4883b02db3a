namespace Reach.ServiceDefaults.ServiceDiscovery;

/// <summary>
/// Rewrites each request's logical address (<c>http://crm/…</c>) to the configured endpoint just
/// before it is sent, and restores it afterwards so a retry resolves again.
/// </summary>
/// <param name="resolver">The resolver reading <c>services:{name}:{scheme}:{index}</c>.</param>
public sealed class ServiceDiscoveryHandler(ServiceEndpointResolver resolver) : DelegatingHandler
{
    private readonly ServiceEndpointResolver resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var original = request.RequestUri;
        if (original is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        request.RequestUri = resolver.Resolve(original);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            request.RequestUri = original;
        }
    }
}
