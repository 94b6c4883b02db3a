using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Reach.AppHost.Secrets;

/// <summary>Loads the AppHost's secrets from a file, generating (and saving, owner-only) whatever is missing.</summary>
public sealed class SecretStore(ILogger<SecretStore> logger)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Reads <paramref name="path"/>, creating it (mode 600) or completing it when needed.</summary>
    /// <param name="path">The secrets file.</param>
    /// <param name="cancellationToken">Cancels the file I/O.</param>
    public async Task<AppHostSecrets> LoadOrCreateAsync(string path, CancellationToken cancellationToken)
    {
        AppHostSecrets? stored = null;
        if (File.Exists(path))
        {
            try
            {
                await using var read = File.OpenRead(path);
                stored = await JsonSerializer.DeserializeAsync<AppHostSecrets>(read, JsonOptions, cancellationToken);
            }
            catch (JsonException e)
            {
                logger.LogWarning("{Path} is not valid JSON ({Error}); new secrets are generated", path, e.Message);
            }
        }

        var secrets = new AppHostSecrets(
            string.IsNullOrEmpty(stored?.PostgresPassword) ? Generate(24) : stored.PostgresPassword,
            string.IsNullOrEmpty(stored?.ChannelSigningSecret) ? "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : stored.ChannelSigningSecret,
            string.IsNullOrEmpty(stored?.CrmAdminPassword) ? Generate(20) : stored.CrmAdminPassword);
        if (secrets != stored)
        {
            await SaveAsync(path, secrets, cancellationToken);
            logger.LogInformation("Generated secrets saved to {Path}", path);
        }

        return secrets;
    }

    private static async Task SaveAsync(string path, AppHostSecrets secrets, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var write = new FileStream(temp, options))
        {
            await JsonSerializer.SerializeAsync(write, secrets, JsonOptions, cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }

    // Letters and digits only: safe in a connection string and in SQL literals.
    private static string Generate(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}
