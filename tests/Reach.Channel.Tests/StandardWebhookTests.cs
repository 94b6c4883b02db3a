using System.Text;
using Reach.ServiceDefaults.Webhooks;

namespace Reach.Channel.Tests;

/// <summary>The Standard Webhooks signature both sides of the CRM ⇄ channel protocol use.</summary>
public sealed class StandardWebhookTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    [Fact]
    public void Signs_the_published_test_vector()
    {
        // The example of the Standard Webhooks specification (standardwebhooks.com).
        var webhook = new StandardWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        var body = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", webhook.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body));
        Assert.Null(webhook.Verify("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", body, At));
    }

    [Fact]
    public void Refuses_a_wrong_signature_a_tampered_body_an_old_timestamp_and_missing_headers()
    {
        var webhook = new StandardWebhook("secret-a");
        var body = Encoding.UTF8.GetBytes("[]");
        var sig = webhook.Sign("m1", At.ToUnixTimeSeconds(), body);
        Assert.Null(webhook.Verify("m1", At.ToUnixTimeSeconds().ToString(), sig, body, At));
        Assert.NotNull(webhook.Verify("m1", At.ToUnixTimeSeconds().ToString(), sig, Encoding.UTF8.GetBytes("[ ]"), At));
        Assert.NotNull(webhook.Verify("m2", At.ToUnixTimeSeconds().ToString(), sig, body, At));
        Assert.Contains("s off", webhook.Verify("m1", At.ToUnixTimeSeconds().ToString(), sig, body, At.AddMinutes(6)));
        Assert.Contains("missing", webhook.Verify("m1", null, sig, body, At));
        Assert.NotNull(new StandardWebhook("secret-b").Verify("m1", At.ToUnixTimeSeconds().ToString(), sig, body, At));
    }

    [Fact]
    public void Accepts_any_listed_signature_for_key_rotation()
    {
        var oldKey = new StandardWebhook("old");
        var rotated = new StandardWebhook("new", "old");
        var body = Encoding.UTF8.GetBytes("{}");
        var ts = At.ToUnixTimeSeconds();
        var both = $"{new StandardWebhook("new").Sign("m", ts, body)} {oldKey.Sign("m", ts, body)}";
        Assert.Null(rotated.Verify("m", ts.ToString(), oldKey.Sign("m", ts, body), body, At));
        Assert.Null(oldKey.Verify("m", ts.ToString(), both, body, At));
    }
}
