using Microsoft.AspNetCore.Http.Metadata;

namespace Reach.Crm.Security;

/// <summary>
/// Endpoint metadata: the largest request body this endpoint accepts, in bytes, instead of the default
/// <see cref="ReachOptions.MaxRequestBodyBytes"/> (ingest and the receipt webhook stream larger bodies).
/// </summary>
public sealed record BodySizeLimit(long MaxBytes) : IRequestSizeLimitMetadata
{
    /// <inheritdoc />
    long? IRequestSizeLimitMetadata.MaxRequestBodySize => MaxBytes;
}
