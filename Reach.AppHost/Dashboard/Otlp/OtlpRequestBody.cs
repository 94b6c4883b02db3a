using System.IO.Compression;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Reach.AppHost.Dashboard.Otlp;

/// <summary>Reads an OTLP/HTTP request body: protobuf (<c>application/x-protobuf</c>), plain or gzip-compressed.</summary>
public static class OtlpRequestBody
{
    /// <summary>The content type of OTLP/HTTP protobuf requests and responses.</summary>
    public const string ProtobufContentType = "application/x-protobuf";

    /// <summary>The largest body accepted after decompression (32 MiB).</summary>
    public const int MaxBodyBytes = 32 * 1024 * 1024;

    /// <summary>Whether the request carries protobuf (OTLP/JSON is not supported).</summary>
    public static bool IsProtobuf(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith(ProtobufContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the body as <typeparamref name="T"/>, inflating it when <c>Content-Encoding: gzip</c>.</summary>
    /// <exception cref="InvalidProtocolBufferException">The body is not a valid message.</exception>
    /// <exception cref="InvalidDataException">The gzip stream is corrupt, or the body is too large.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, MessageParser<T> parser, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        var encoding = request.Headers.ContentEncoding.ToString();
        await using var body = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true)
            : request.Body;

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new InvalidDataException($"The body is larger than {MaxBodyBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return parser.ParseFrom(buffer);
    }
}
