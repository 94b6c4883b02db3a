using Microsoft.Extensions.Options;

namespace Reach.Crm.Security;

/// <summary>
/// Creates the users of <c>Reach:Auth:Users</c> at start when they are missing (an existing user is never changed):
/// that is how the first admin comes from configuration. Runs after the migrations and before requests are served.
/// </summary>
public sealed class ConfiguredUsers(IServiceScopeFactory scopes, IOptions<AuthOptions> options, ILogger<ConfiguredUsers> logger) : IHostedService
{
    /// <inheritdoc />
    /// <exception cref="UserRequestException">A configured user is invalid (the CRM does not start).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var user in options.Value.Users.Where(u => !string.IsNullOrWhiteSpace(u.UserName)))
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<UserService>().EnsureAsync(user, cancellationToken))
            {
                logger.LogInformation("Created user {UserName} with role {Role} from configuration", user.UserName, user.Role);
            }
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
