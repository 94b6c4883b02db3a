using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Reach.Crm.Apis;

/// <summary>Reads a JSON request body with a size cap, answering 413 with the limit, 415 for another content type, 400 for bad JSON.</summary>
public static class JsonBody
{
    /// <summary>Default cap for definition-sized bodies: 256 KiB.</summary>
    public const int DefaultMaxBytes = 256 * 1024;

    /// <summary>Reads and parses the body; on failure returns a problem and a null document.</summary>
    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct, int maxBytes = DefaultMaxBytes)
    {
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TypedResults.Problem($"content type '{type}' is not supported; send application/json", statusCode: 415, title: "Unsupported content type"));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes, request.ContentLength.Value));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes, null));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, TypedResults.Problem("the request body is empty; send a JSON object", statusCode: 400, title: "Empty body"));
        }

        try
        {
            return (JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 40 }), null);
        }
        catch (JsonException e)
        {
            return (null, TypedResults.Problem($"the body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}",
                statusCode: 400, title: "Malformed JSON"));
        }
    }

    private static ProblemHttpResult TooLarge(int max, long? given) =>
        TypedResults.Problem($"the body is {(given is { } g ? $"{g:N0} bytes" : "larger than the limit")}; at most {max:N0} bytes are accepted here",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");
}
