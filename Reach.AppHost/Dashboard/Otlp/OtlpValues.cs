using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Common.V1;
using Reach.AppHost.Dashboard.Telemetry;
using OtlpResource = OpenTelemetry.Proto.Resource.V1.Resource;

namespace Reach.AppHost.Dashboard.Otlp;

/// <summary>Turns OTLP's common values (attributes, ids, timestamps, resources) into the dashboard's model.</summary>
public static class OtlpValues
{
    /// <summary>An id as lower-case hex, or null when it is empty or all zeroes.</summary>
    public static string? Id(ByteString id)
    {
        if (id.IsEmpty || id.Span.IndexOfAnyExcept((byte)0) < 0)
        {
            return null;
        }

        return Convert.ToHexStringLower(id.Span);
    }

    /// <summary>A Unix time in nanoseconds as a timestamp (UTC).</summary>
    public static DateTimeOffset Time(ulong unixNanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanoseconds / 100));

    /// <summary>The attributes as text.</summary>
    public static IReadOnlyList<TelemetryAttribute> Attributes(RepeatedField<KeyValue> attributes) =>
        attributes.Select(a => new TelemetryAttribute(a.Key, Text(a.Value))).ToArray();

    /// <summary>Which process a resource is: <c>service.name</c> and <c>service.instance.id</c>.</summary>
    public static TelemetrySource Source(OtlpResource? resource)
    {
        if (resource is null)
        {
            return TelemetrySource.Unknown;
        }

        string? name = null, instance = null;
        foreach (var attribute in resource.Attributes)
        {
            switch (attribute.Key)
            {
                case "service.name":
                    name = Text(attribute.Value);
                    break;
                case "service.instance.id":
                    instance = Text(attribute.Value);
                    break;
            }
        }

        return string.IsNullOrEmpty(name) ? TelemetrySource.Unknown with { InstanceId = instance ?? "" } : new TelemetrySource(name, instance ?? "");
    }

    /// <summary>A value as text: strings as they are, numbers invariant, arrays as <c>[a, b]</c>, maps as <c>{k: v}</c>, bytes as hex.</summary>
    public static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Text)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => kv.Key + ": " + Text(kv.Value))) + "}",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToHexStringLower(value.BytesValue.Span),
        _ => "",
    };
}
