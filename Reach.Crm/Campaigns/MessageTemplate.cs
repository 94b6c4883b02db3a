using System.Text;
using System.Text.RegularExpressions;

namespace Reach.Crm.Campaigns;

/// <summary>
/// A message body with personalisation tokens (ARCHITECTURE §6): <c>{{first_name}}</c>, <c>{{name}}</c>, <c>{{city}}</c>,
/// <c>{{last_item}}</c>, each with an optional fallback: <c>{{first_name | there}}</c>. Unknown or malformed tokens are
/// rejected when the draft is saved, never sent out.
/// </summary>
public sealed partial class MessageTemplate
{
    /// <summary>The tokens a template may use.</summary>
    public static readonly IReadOnlyList<string> Tokens = ["first_name", "name", "city", "last_item"];

    /// <summary>Longest template, in characters.</summary>
    public const int MaxLength = 4000;

    /// <summary>GSM 03.38 basic characters (one septet each).</summary>
    private const string Gsm7Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>GSM 03.38 extension characters (two septets each: escape + char).</summary>
    private const string Gsm7Extended = "^{}\\[~]|€\f";

    private readonly IReadOnlyList<Part> _parts;

    private MessageTemplate(string text, IReadOnlyList<Part> parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    private sealed record Part(string? Literal, string? Token, string? Fallback);

    /// <summary>Parses a template.</summary>
    /// <returns>The template, or the errors (each naming the token and what is allowed).</returns>
    public static (MessageTemplate? Template, IReadOnlyList<string> Errors) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, ["the message is empty"]);
        }

        if (text.Length > MaxLength)
        {
            return (null, [$"the message is {text.Length} characters long; at most {MaxLength} are allowed"]);
        }

        var errors = new List<string>();
        var parts = new List<Part>();
        var at = 0;
        foreach (Match m in TokenPattern().Matches(text))
        {
            if (m.Index > at)
            {
                parts.Add(new Part(text[at..m.Index], null, null));
            }

            var inner = m.Groups[1].Value;
            var pipe = inner.IndexOf('|');
            var token = (pipe >= 0 ? inner[..pipe] : inner).Trim();
            var fallback = pipe >= 0 ? inner[(pipe + 1)..].Trim() : null;
            if (!Tokens.Contains(token))
            {
                errors.Add($"unknown token '{{{{{inner.Trim()}}}}}'; allowed: {string.Join(", ", Tokens.Select(t => "{{" + t + "}}"))}, each with an optional fallback like {{{{first_name | there}}}}");
            }

            parts.Add(new Part(null, token, fallback));
            at = m.Index + m.Length;
        }

        if (at < text.Length)
        {
            parts.Add(new Part(text[at..], null, null));
        }

        var leftover = string.Concat(parts.Where(p => p.Literal is not null).Select(p => p.Literal));
        if (leftover.Contains("{{", StringComparison.Ordinal) || leftover.Contains("}}", StringComparison.Ordinal))
        {
            errors.Add("a '{{' or '}}' is not part of a complete token such as {{first_name}}");
        }

        return errors.Count > 0 ? (null, errors) : (new MessageTemplate(text, parts), []);
    }

    /// <summary>Renders the body for one recipient: a missing value takes the fallback, or nothing.</summary>
    public string Render(string? firstName, string? name, string? city, string? lastItem)
    {
        var sb = new StringBuilder(Text.Length + 32);
        foreach (var p in _parts)
        {
            if (p.Literal is not null)
            {
                sb.Append(p.Literal);
                continue;
            }

            var value = p.Token switch
            {
                "first_name" => firstName ?? FirstWord(name),
                "name" => name,
                "city" => city,
                _ => lastItem,
            };
            sb.Append(string.IsNullOrWhiteSpace(value) ? p.Fallback ?? "" : value);
        }

        return sb.ToString();
    }

    /// <summary>
    /// SMS length of the body rendered with each token's fallback (or a 12-character stand-in): GSM-7 septets, or
    /// UCS-2 characters when a character is outside GSM 03.38; and whether it exceeds one SMS (160 GSM-7 / 70 UCS-2).
    /// </summary>
    public (int Length, bool Gsm7, bool OverOneSms) SmsLength()
    {
        var sample = string.Concat(_parts.Select(p => p.Literal ?? (p.Fallback is { Length: > 0 } f ? f : new string('x', 12))));
        var gsm = true;
        var septets = 0;
        foreach (var ch in sample)
        {
            if (Gsm7Basic.Contains(ch))
            {
                septets++;
            }
            else if (Gsm7Extended.Contains(ch))
            {
                septets += 2;
            }
            else
            {
                gsm = false;
                break;
            }
        }

        return gsm ? (septets, true, septets > 160) : (sample.Length, false, sample.Length > 70);
    }

    private static string? FirstWord(string? name) => name?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    [GeneratedRegex(@"\{\{([^{}]*)\}\}")]
    private static partial Regex TokenPattern();
}
