using System.Security.Cryptography;
using System.Text;

namespace Reach.ServiceDefaults.Webhooks;

/// <summary>
/// Signs and verifies HTTP bodies the Standard Webhooks way (standardwebhooks.com, used by the CRM ⇄ channel
/// protocol, ARCHITECTURE §7): headers <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds) and
/// <c>webhook-signature: v1,&lt;base64 HMAC-SHA256(secret, id + "." + timestamp + "." + body)&gt;</c>, several
/// space-separated signatures allowed (key rotation). A secret written <c>whsec_&lt;base64&gt;</c> is the decoded
/// key; any other text is used as its UTF-8 bytes.
/// </summary>
public sealed class StandardWebhook
{
    /// <summary>Header names.</summary>
    public const string IdHeader = "webhook-id", TimestampHeader = "webhook-timestamp", SignatureHeader = "webhook-signature";

    /// <summary>How far a timestamp may be from now: 5 minutes.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly byte[][] _keys;

    /// <summary>Creates a signer/verifier; the first secret signs, all of them verify (rotation).</summary>
    /// <exception cref="ArgumentException">No secret, or an empty one.</exception>
    public StandardWebhook(params string[] secrets)
    {
        if (secrets.Length == 0 || secrets.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("a signing secret is required (Reach:Channel:SigningSecret)", nameof(secrets));
        }

        _keys = secrets.Select(Key).ToArray();
    }

    /// <summary>The <c>webhook-signature</c> value for a message: <c>v1,&lt;base64&gt;</c>.</summary>
    public string Sign(string id, long timestamp, ReadOnlySpan<byte> body) => "v1," + Convert.ToBase64String(Mac(_keys[0], id, timestamp, body));

    /// <summary>Adds the three headers to <paramref name="request"/> for its (already buffered) body.</summary>
    public async Task SignAsync(HttpRequestMessage request, string id, DateTimeOffset now, CancellationToken ct)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(ct);
        var timestamp = now.ToUnixTimeSeconds();
        request.Headers.Remove(IdHeader);
        request.Headers.Remove(TimestampHeader);
        request.Headers.Remove(SignatureHeader);
        request.Headers.TryAddWithoutValidation(IdHeader, id);
        request.Headers.TryAddWithoutValidation(TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(SignatureHeader, Sign(id, timestamp, body));
    }

    /// <summary>Checks a received message.</summary>
    /// <returns>Null when valid, else why not (for a 401's body and the log; it never includes the expected signature).</returns>
    public string? Verify(string? id, string? timestamp, string? signatures, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            return $"missing {(string.IsNullOrEmpty(id) ? IdHeader : string.IsNullOrEmpty(timestamp) ? TimestampHeader : SignatureHeader)} header";
        }

        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ts))
        {
            return $"{TimestampHeader} '{timestamp}' is not Unix seconds";
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(ts);
        if (age > Tolerance || age < -Tolerance)
        {
            return $"{TimestampHeader} is {Math.Abs(age.TotalSeconds):N0} s off; at most {Tolerance.TotalSeconds:N0} s is accepted";
        }

        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!candidate.StartsWith("v1,", StringComparison.Ordinal))
            {
                continue;
            }

            byte[] given;
            try
            {
                given = Convert.FromBase64String(candidate[3..]);
            }
            catch (FormatException)
            {
                continue;
            }

            foreach (var key in _keys)
            {
                if (CryptographicOperations.FixedTimeEquals(given, Mac(key, id, ts, body)))
                {
                    return null;
                }
            }
        }

        return "no valid v1 signature";
    }

    private static byte[] Mac(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, content);
    }

    private static byte[] Key(string secret) =>
        secret.StartsWith("whsec_", StringComparison.Ordinal) ? Convert.FromBase64String(secret["whsec_".Length..]) : Encoding.UTF8.GetBytes(secret);
}
