using System.Text.RegularExpressions;

namespace Reach.Crm.Ingest.Formats;

/// <summary>
/// Reach's customer format (CSV columns or JSON properties, snake_case):
/// <c>external_id, name, first_name, email, phone, city, country, gender, tags, created_at</c> and per channel
/// <c>{email|sms|whatsapp|rcs}_opt_in_at</c> / <c>_opt_out_at</c>. A row needs <c>external_id</c> or <c>email</c>.
/// Tags are separated by <c>;</c> or <c>|</c>. Phones must be E.164 (<c>+</c> and 8–15 digits).
/// </summary>
public static partial class CustomerFormat
{
    /// <summary>Every column the format knows.</summary>
    public static readonly IReadOnlyCollection<string> Columns = new HashSet<string>(StringComparer.Ordinal)
    {
        "external_id", "name", "first_name", "email", "phone", "city", "country", "gender", "tags", "created_at",
        "email_opt_in_at", "email_opt_out_at", "sms_opt_in_at", "sms_opt_out_at",
        "whatsapp_opt_in_at", "whatsapp_opt_out_at", "rcs_opt_in_at", "rcs_opt_out_at",
    };

    /// <summary>Genders accepted (lower-case).</summary>
    public static readonly IReadOnlySet<string> Genders = new HashSet<string>(StringComparer.Ordinal) { "female", "male", "other" };

    /// <summary>Maps one row.</summary>
    public static ParsedRow<CustomerRecord> Map(IFieldSource source)
    {
        var r = new FieldReader(source);
        r.CheckEncoding();
        var externalId = r.Text("external_id", 200);
        var email = r.Text("email", 320)?.ToLowerInvariant();
        if (externalId is null && email is null && source.Get("external_id") is null)
        {
            r.Fail("external_id", "is missing, and so is email; a customer needs one of them to be matched");
        }

        if (email is not null && !EmailPattern().IsMatch(email))
        {
            r.Fail("email", $"'{email}' is not an e-mail address");
        }

        var phone = r.Text("phone", 30);
        if (phone is not null)
        {
            phone = phone.Replace(" ", "").Replace("-", "");
            if (!PhonePattern().IsMatch(phone))
            {
                r.Fail("phone", $"'{phone}' is not an E.164 number (+ country code and 8–15 digits, e.g. +919812345678)");
            }
        }

        var gender = r.Text("gender", 20)?.ToLowerInvariant();
        if (gender is not null && !Genders.Contains(gender))
        {
            r.Fail("gender", $"'{gender}' is not allowed; allowed: female, male, other");
        }

        var tags = (r.Text("tags", 1000) ?? "")
            .Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
        var consent = new ConsentRecord(
            r.Time("email_opt_in_at"), r.Time("email_opt_out_at"),
            r.Time("sms_opt_in_at"), r.Time("sms_opt_out_at"),
            r.Time("whatsapp_opt_in_at"), r.Time("whatsapp_opt_out_at"),
            r.Time("rcs_opt_in_at"), r.Time("rcs_opt_out_at"));
        var record = new CustomerRecord(
            externalId,
            r.Text("name", 300),
            r.Text("first_name", 200),
            email,
            phone,
            r.Text("city", 200),
            r.Text("country", 200),
            gender,
            tags,
            r.Time("created_at"),
            consent);
        return r.IsValid ? ParsedRow<CustomerRecord>.Ok(source.Line, record) : ParsedRow<CustomerRecord>.Bad(source.Line, r.Errors);
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex PhonePattern();
}
