using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Reach.Web.Auth;
using Reach.Web.Crm;
using Reach.Web.Formatting;

namespace Reach.Web.Components.Shared;

/// <summary>
/// A page that loads from the CRM: tracks loading, error and forbidden states and the signed-in user's role, and
/// turns <see cref="CrmException"/> into those states.
/// </summary>
public abstract class CrmPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>The CRM, on behalf of the signed-in user.</summary>
    [Inject] protected ICrmClient Crm { get; set; } = default!;

    /// <summary>Culture-aware formatting.</summary>
    [Inject] protected DisplayFormat Format { get; set; } = default!;

    /// <summary>The authentication state.</summary>
    [CascadingParameter] protected Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>True while loading.</summary>
    protected bool Loading { get; set; } = true;

    /// <summary>The last error, fit to show.</summary>
    protected string? Error { get; set; }

    /// <summary>True after the CRM answered 401: the session's CRM token ended.</summary>
    protected bool SessionEnded { get; set; }

    /// <summary>True after the CRM answered 403.</summary>
    protected bool Forbidden { get; set; }

    /// <summary>The signed-in user's role.</summary>
    protected string Role { get; private set; } = Roles.Viewer;

    /// <summary>The signed-in user's name.</summary>
    protected string? UserName { get; private set; }

    /// <summary>Ends with the page.</summary>
    protected CancellationToken PageToken => _disposed.Token;

    /// <summary>True when the user's role is <paramref name="role"/> or above.</summary>
    protected bool Can(string role) => Roles.AtLeast(Role, role);

    /// <summary>What identifies the page's data (e.g. the route's id): when it changes, the data is loaded again.</summary>
    protected virtual object? RouteKey => null;

    private object? _loadedKey;
    private bool _initialized;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        // Navigating between two ids of the same page keeps the component: load the new one.
        if (_initialized && !Equals(RouteKey, _loadedKey))
        {
            _loadedKey = RouteKey;
            await RunAsync(LoadAsync);
        }
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _loadedKey = RouteKey;
        if (AuthenticationState is not null)
        {
            var user = (await AuthenticationState).User;
            Role = ReachClaims.RoleOf(user);
            UserName = user.Identity?.Name;
        }

        await RunAsync(LoadAsync);
        _initialized = true;
    }

    /// <summary>Loads the page's data.</summary>
    protected abstract Task LoadAsync(CancellationToken ct);

    /// <summary>Runs <paramref name="action"/>, setting <see cref="Loading"/>, <see cref="Error"/> and <see cref="Forbidden"/>.</summary>
    protected async Task RunAsync(Func<CancellationToken, Task> action)
    {
        Loading = true;
        Error = null;
        try
        {
            await action(PageToken);
        }
        catch (CrmException e) when (e.IsForbidden)
        {
            Forbidden = true;
        }
        catch (CrmException e) when (e.IsUnauthorized)
        {
            SessionEnded = true;
            Error = e.Message;
        }
        catch (CrmException e)
        {
            Error = e.Message;
        }
        catch (Exception e) when (e is HttpRequestException or Polly.ExecutionRejectedException)
        {
            // Unreachable, timed out, or the circuit breaker is open.
            Error = "The CRM can't be reached right now.";
        }
        catch (OperationCanceledException) when (PageToken.IsCancellationRequested)
        {
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>Reloads the page's data (the "Try again" of an error).</summary>
    protected Task ReloadAsync() => RunAsync(LoadAsync);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Cancels the page's work.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
            _disposed.Dispose();
        }
    }
}
