using Microsoft.Extensions.Options;
using Reach.Channel.Simulation;

namespace Reach.Channel;

/// <summary>Checks <see cref="ChannelOptions"/> when the host starts, so a bad setting stops the channel with a clear message.</summary>
public sealed class ChannelOptionsValidator : IValidateOptions<ChannelOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        if (string.IsNullOrWhiteSpace(options.SigningSecret))
        {
            errors.Add($"{ChannelOptions.Section}:SigningSecret is not set. Set it to the secret the CRM uses (environment variable Reach__Channel__SigningSecret); "
                + $"only in Development does it default to '{ChannelOptions.DevelopmentSigningSecret}'.");
        }

        if (!(options.TimeScale >= 0) || double.IsInfinity(options.TimeScale))
        {
            errors.Add($"{ChannelOptions.Section}:TimeScale must be a finite number ≥ 0 (1 = real time), not {options.TimeScale}.");
        }

        if (options.MaxBodyBytes <= 0 || options.MaxMessagesPerBatch <= 0)
        {
            errors.Add($"{ChannelOptions.Section}:MaxBodyBytes and MaxMessagesPerBatch must be positive.");
        }

        if (!options.CurrencyRates.ContainsKey(options.DefaultCurrency))
        {
            errors.Add($"{ChannelOptions.Section}:DefaultCurrency '{options.DefaultCurrency}' has no entry in CurrencyRates.");
        }

        foreach (var (code, rate) in options.CurrencyRates)
        {
            if (rate <= 0)
            {
                errors.Add($"{ChannelOptions.Section}:CurrencyRates:{code} must be positive, not {rate}.");
            }
        }

        foreach (var channel in Enum.GetValues<ChannelKind>())
        {
            var p = options.Lifecycle.For(channel);
            foreach (var (stage, value) in new[] { ("Delivered", p.Delivered), ("Opened", p.Opened), ("Read", p.Read), ("Clicked", p.Clicked), ("Converted", p.Converted) })
            {
                if (!(value is >= 0 and <= 1))
                {
                    errors.Add($"{ChannelOptions.Section}:Lifecycle:{channel.ToWireName()}:{stage} must be a probability between 0 and 1, not {value}.");
                }
            }
        }

        var f = options.Faults;
        foreach (var (key, value) in new[] { ("DuplicateRate", f.DuplicateRate), ("HoldBackRate", f.HoldBackRate), ("TransientFailureRate", f.TransientFailureRate) })
        {
            if (!(value is >= 0 and < 1))
            {
                errors.Add($"{ChannelOptions.Section}:Faults:{key} must be ≥ 0 and < 1, not {value}.");
            }
        }

        var r = options.Receipts;
        if (r.MaxBatchSize <= 0 || r.MaxConcurrentSends <= 0)
        {
            errors.Add($"{ChannelOptions.Section}:Receipts:MaxBatchSize and MaxConcurrentSends must be positive.");
        }

        if (!(r.FlushIntervalMs >= 0) || !(r.RetryBaseDelayMs >= 0) || !(r.RetryMaxDelayMs >= 0) || !(r.MaxAgeSeconds > 0) || !(r.AttemptTimeoutSeconds > 0))
        {
            errors.Add($"{ChannelOptions.Section}:Receipts: FlushIntervalMs, RetryBaseDelayMs and RetryMaxDelayMs must be ≥ 0; MaxAgeSeconds and AttemptTimeoutSeconds > 0.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
