using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Reach.Crm.Security;

namespace Reach.Crm.Apis;

/// <summary><c>/api/users</c> (admin): list, create, change a role.</summary>
public static class UsersApi
{
    /// <summary>Maps the user endpoints.</summary>
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(ReachRoles.Admin);
        group.MapGet("/", List);
        group.MapPost("/", Create);
        group.MapPut("/{userName}/role", SetRole);
        return group;
    }

    /// <summary><c>GET /api/users</c>: every user by name (never a password hash).</summary>
    public static async Task<Ok<IReadOnlyList<UserResponse>>> List(UserService users, CancellationToken ct) =>
        TypedResults.Ok(await users.ListAsync(ct));

    /// <summary><c>POST /api/users</c> <c>{ userName, password, role }</c> → 201; 400 naming what is invalid; 409 when the user exists.</summary>
    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> Create(CreateUserRequest request, UserService users, ClaimsPrincipal user, CancellationToken ct)
    {
        try
        {
            var created = await users.CreateAsync(request.UserName, request.Password, request.Role, user.UserName(), ct);
            return TypedResults.Created($"/api/users/{created.UserName}", created);
        }
        catch (UserRequestException e)
        {
            return Problem(e);
        }
    }

    /// <summary><c>PUT /api/users/{userName}/role</c> <c>{ role }</c> → 200; 400 for an unknown role; 404.</summary>
    public static async Task<Results<Ok<UserResponse>, NotFound, ProblemHttpResult>> SetRole(
        string userName, SetRoleRequest request, UserService users, TokenValidator validator, ClaimsPrincipal user, CancellationToken ct)
    {
        try
        {
            var changed = await users.SetRoleAsync(userName, request.Role, user.UserName(), ct);
            if (changed is null)
            {
                return TypedResults.NotFound();
            }

            validator.Forget(changed.UserName);
            return TypedResults.Ok(changed);
        }
        catch (UserRequestException e)
        {
            return Problem(e);
        }
    }

    private static ProblemHttpResult Problem(UserRequestException e) => e.Conflict
        ? TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "User exists")
        : TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid user");
}
