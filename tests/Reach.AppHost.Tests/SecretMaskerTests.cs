using Reach.AppHost.Dashboard.Api;

namespace Reach.AppHost.Tests;

/// <summary>The dashboard never shows a secret from a resource's environment.</summary>
public sealed class SecretMaskerTests
{
    [Theory]
    [InlineData("Reach__Channel__SigningSecret", "whsec_abc")]
    [InlineData("Reach__Llm__ApiKey", "sk-123")]
    [InlineData("Reach__Auth__Users__0__Password", "admin-dev")]
    [InlineData("GITHUB_TOKEN", "ghp_x")]
    public void A_secret_variable_is_hidden_whole(string name, string value) =>
        Assert.Equal(SecretMasker.Mask, SecretMasker.MaskValue(name, value));

    [Fact]
    public void The_password_of_a_connection_string_is_hidden_and_the_rest_shown()
    {
        var shown = SecretMasker.MaskValue("ConnectionStrings__reach", "Host=127.0.0.1;Port=54329;Username=reach;Password=s3cr3t;Database=reach");
        Assert.Equal($"Host=127.0.0.1;Port=54329;Username=reach;Password={SecretMasker.Mask};Database=reach", shown);
    }

    [Fact]
    public void The_password_of_a_url_is_hidden() =>
        Assert.Equal($"postgres://reach:{SecretMasker.Mask}@localhost/reach", SecretMasker.MaskValue("DATABASE_URL", "postgres://reach:pw@localhost/reach"));

    [Fact]
    public void Ordinary_values_are_shown() =>
        Assert.Equal("http://127.0.0.1:5081", SecretMasker.MaskValue("services__crm__http__0", "http://127.0.0.1:5081"));
}
