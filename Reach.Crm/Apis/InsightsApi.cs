using Microsoft.AspNetCore.Http.HttpResults;
using Reach.Crm.Customers;
using Reach.Crm.Security;

namespace Reach.Crm.Apis;

/// <summary><c>GET /api/insights/kpis</c> (viewer): the home page's key numbers.</summary>
public static class InsightsApi
{
    /// <summary>Maps the insights endpoints.</summary>
    public static RouteGroupBuilder MapInsightsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/insights").WithTags("Insights").RequireAuthorization(ReachRoles.Viewer);
        group.MapGet("/kpis", Kpis);
        return group;
    }

    /// <summary>Customers, orders, revenue, campaigns sent, delivered, conversions and attributed revenue.</summary>
    public static async Task<Ok<Kpis>> Kpis(CustomerDirectory customers, CancellationToken ct) =>
        TypedResults.Ok(await customers.KpisAsync(ct));
}
