using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using Radzen;
using Reach.Web.Crm;
using Reach.Web.Formatting;

namespace Reach.Web.Tests.Components;

/// <summary>
/// Renders a page to HTML with the framework's <see cref="HtmlRenderer"/> (no bunit, STACK.md): a fake CRM, a signed-in
/// user with a role, the en-GB formatter and Radzen's services.
/// </summary>
public sealed class PageRenderer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HtmlRenderer _renderer;

    /// <summary>Sets up the services for a user in <paramref name="role"/>.</summary>
    public PageRenderer(FakeCrmClient crm, string role = "marketer", string userName = "maya")
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<ICrmClient>(crm);
        services.AddOptions<WebOptions>();
        services.AddSingleton<DisplayFormat>();
        services.AddSingleton<NavigationManager, TestNavigationManager>();
        services.AddSingleton<IJSRuntime, NoJsRuntime>();
        services.AddRadzenComponents();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, role)], "test"));
        services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationStateProvider(user));
        services.AddCascadingAuthenticationState();
        _services = services.BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, NullLoggerFactory.Instance);
    }

    /// <summary>Renders <typeparamref name="T"/> and waits until every load finished.</summary>
    public Task<string> RenderAsync<T>(IDictionary<string, object?>? parameters = null) where T : IComponent =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await _renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters ?? new Dictionary<string, object?>()));
            return System.Net.WebUtility.HtmlDecode(root.ToHtmlString());
        });

    /// <summary>Renders <typeparamref name="T"/>'s first frame without waiting for loads (the loading state).</summary>
    public Task<string> RenderFirstFrameAsync<T>(IDictionary<string, object?>? parameters = null) where T : IComponent =>
        _renderer.Dispatcher.InvokeAsync(() =>
        {
            var root = _renderer.BeginRenderingComponent<T>(ParameterView.FromDictionary(parameters ?? new Dictionary<string, object?>()));
            return System.Net.WebUtility.HtmlDecode(root.ToHtmlString());
        });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }

    private sealed class TestNavigationManager : NavigationManager
    {
        public TestNavigationManager() => Initialize("http://localhost/", "http://localhost/");

        protected override void NavigateToCore(string uri, NavigationOptions options) => Uri = ToAbsoluteUri(uri).ToString();
    }

    private sealed class NoJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => ValueTask.FromResult(default(TValue)!);
    }

    private sealed class FixedAuthenticationStateProvider(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
