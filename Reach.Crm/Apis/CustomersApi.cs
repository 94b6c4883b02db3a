using Microsoft.AspNetCore.Http.HttpResults;
using Reach.Crm.Customers;
using Reach.Crm.Security;

namespace Reach.Crm.Apis;

/// <summary><c>/api/customers</c> (viewer): search with keyset paging, and one customer's orders, metrics and messages.</summary>
public static class CustomersApi
{
    /// <summary>Maps the customer endpoints.</summary>
    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization(ReachRoles.Viewer);
        group.MapGet("/", Search);
        group.MapGet("/{id:long}", Get);
        return group;
    }

    /// <summary><c>GET /api/customers?q=&amp;after=&amp;limit=50</c>: by id; pass <c>nextAfter</c> as <c>after</c> for the next page.</summary>
    public static async Task<Ok<CustomerPage>> Search(CustomerDirectory customers, string? q, long? after, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await customers.SearchAsync(q is { Length: > 200 } ? q[..200] : q, after ?? 0, Math.Clamp(limit ?? 50, 1, 200), ct));

    /// <summary><c>GET /api/customers/{id}</c>: the customer with latest orders and messages; 404.</summary>
    public static async Task<Results<Ok<CustomerDetail>, NotFound>> Get(long id, CustomerDirectory customers, CancellationToken ct) =>
        await customers.GetAsync(id, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();
}
