using System.Globalization;
using Reach.Crm.Ingest.Formats;

namespace Reach.Crm.Tests.Ingest;

/// <summary>The Online Retail invoice-time reader accepts exactly what <c>DateTime.TryParseExact</c> with its two formats does.</summary>
public sealed class LocalTimestampTextTests
{
    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"];

    [Theory]
    [InlineData("2011-12-09 12:50:00")]
    [InlineData("2010-12-01 08:26")]
    [InlineData("2012-02-29 23:59:59")]
    [InlineData("0001-01-01 00:00")]
    [InlineData("2011-02-29 10:00:00")]
    [InlineData("2011-13-01 10:00:00")]
    [InlineData("2011-12-00 10:00")]
    [InlineData("2011-12-09 24:00:00")]
    [InlineData("2011-12-09 12:60")]
    [InlineData("2011-12-09 12:50:60")]
    [InlineData("2011-12-09T12:50:00")]
    [InlineData("2011-12-9 12:50:00")]
    [InlineData(" 2011-12-09 12:50")]
    [InlineData("2011-12-09 12:50:00 ")]
    [InlineData("2011-12-09 12:5a")]
    [InlineData("12/1/2010 8:26")]
    [InlineData("0000-01-01 00:00")]
    [InlineData("")]
    public void Agrees_with_ParseExact(string text)
    {
        var expectedOk = DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected);

        var ok = LocalTimestampText.TryParse(text, out var actual);

        Assert.Equal(expectedOk, ok);
        Assert.Equal(expected, actual);
        Assert.Equal(DateTimeKind.Unspecified, actual.Kind);
    }
}
