using System.Text.RegularExpressions;

namespace Reach.AppHost.Dashboard.Api;

/// <summary>
/// Hides secrets in environment variables shown by the dashboard: the whole value of a variable whose name says it is
/// a secret (password, secret, key, token, credential), and the password part of connection strings and URLs.
/// </summary>
public static partial class SecretMasker
{
    /// <summary>What a hidden value is replaced with.</summary>
    public const string Mask = "••••••••";

    private static readonly string[] SecretWords = ["PASSWORD", "PASSWD", "PWD", "SECRET", "APIKEY", "API_KEY", "KEY", "TOKEN", "CREDENTIAL"];

    /// <summary>The value to show for <paramref name="name"/>.</summary>
    public static string MaskValue(string name, string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        var upper = name.ToUpperInvariant();
        if (SecretWords.Any(w => upper.Contains(w, StringComparison.Ordinal)))
        {
            return Mask;
        }

        var masked = ConnectionStringPassword().Replace(value, m => m.Groups["key"].Value + "=" + Mask);
        return UrlPassword().Replace(masked, m => m.Groups["user"].Value + ":" + Mask + "@");
    }

    // Password=…; Pwd=…; in ADO.NET-style connection strings (up to the next ';').
    [GeneratedRegex(@"(?<key>\b(?:password|pwd)\s*)=[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPassword();

    // scheme://user:password@host
    [GeneratedRegex(@"(?<user>://[^:/@\s]+):[^@/\s]+@")]
    private static partial Regex UrlPassword();
}
