using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Reach.Crm.Tests.Infrastructure;

namespace Reach.Crm.Tests.Security;

/// <summary>
/// The CRM with a clock tests can move (<see cref="Clock"/>), a one-hour token lifetime, 5 sign-ins per user name per
/// minute and 2 copilot turns per user per minute.
/// </summary>
public sealed class AuthFixture : CrmFactory
{
    public ShiftableClock Clock { get; } = new();

    public override async ValueTask InitializeAsync()
    {
        Settings["Reach:Auth:TokenLifetimeSeconds"] = "3600";
        Settings["Reach:Auth:SignInPerUserPerMinute"] = "5";
        Settings["Reach:Auth:SignInPerIpPerMinute"] = "1000";
        Settings["Reach:Auth:CopilotPerUserPerMinute"] = "2";
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>The CRM allowing 6 sign-ins per client address per minute (the fixture itself uses 4).</summary>
public sealed class IpLimitFixture : CrmFactory
{
    public override async ValueTask InitializeAsync()
    {
        Settings["Reach:Auth:SignInPerIpPerMinute"] = "6";
        await base.InitializeAsync();
    }
}
