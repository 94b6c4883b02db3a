using Reach.Crm.Customers;

namespace Reach.Crm.Extensions;

/// <summary>Registers the read models behind the web app's pages (customers directory, KPIs).</summary>
public static class ReadModelServiceExtensions
{
    /// <summary>Adds <see cref="CustomerDirectory"/>.</summary>
    public static IHostApplicationBuilder AddReadModels(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CustomerDirectory>();
        return builder;
    }
}
