using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Reach.Crm.Security;
using Reach.Crm.Segmentation;
using Reach.Crm.Segmentation.Dsl;

namespace Reach.Crm.Apis;

/// <summary>
/// <c>/api/segments</c>: preview an audience, save, revise, list, read and delete segments. Definitions are the filter DSL
/// (ARCHITECTURE §5); an invalid one gets RFC 7807 problem details with status 400 and <c>errors: [{ path, message }]</c>.
/// Bodies are capped at 256 KiB. Reading needs <c>viewer</c>; preview, save and delete <c>marketer</c>.
/// </summary>
public static class SegmentsApi
{
    /// <summary>Maps the segment endpoints.</summary>
    public static RouteGroupBuilder MapSegmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/segments").WithTags("Segments").RequireAuthorization(ReachRoles.Viewer)
            .WithMetadata(new BodySizeLimit(JsonBody.DefaultMaxBytes));
        group.MapPost("/preview", Preview).RequireAuthorization(ReachRoles.Marketer);
        group.MapPost("/", Create).RequireAuthorization(ReachRoles.Marketer);
        group.MapGet("/", List);
        group.MapGet("/{id:long}", Get);
        group.MapPut("/{id:long}", Revise).RequireAuthorization(ReachRoles.Marketer);
        group.MapDelete("/{id:long}", Delete).RequireAuthorization(ReachRoles.Marketer);
        return group;
    }

    /// <summary>
    /// <c>POST /api/segments/preview</c> with a definition (or <c>{ "definition": … }</c>) →
    /// <c>{ count, reachable: { whatsapp, sms, email, rcs }, sample[≤8], description, referenceTime, elapsedMs }</c>.
    /// </summary>
    public static async Task<Results<Ok<AudiencePreview>, ProblemHttpResult>> Preview(HttpRequest request, AudienceService audiences, CancellationToken ct)
    {
        var (doc, problem) = await JsonBody.ReadAsync(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        using (doc)
        {
            var root = doc!.RootElement;
            var definition = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("definition", out var d) ? d : root;
            try
            {
                return TypedResults.Ok(await audiences.PreviewAsync(SegmentDefinitionParser.Parse(definition), ct));
            }
            catch (SegmentDefinitionException e)
            {
                return Invalid(e);
            }
        }
    }

    /// <summary><c>POST /api/segments</c> with <c>{ name, description?, definition, createdVia? }</c> → 201 with the segment, counted.</summary>
    public static async Task<Results<Created<SegmentResponse>, ProblemHttpResult>> Create(HttpRequest request, SegmentService segments, ClaimsPrincipal user, CancellationToken ct)
    {
        var (doc, problem) = await JsonBody.ReadAsync(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        using (doc)
        {
            var root = doc!.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return TypedResults.Problem("expected an object { name, description?, definition }", statusCode: 400, title: "Invalid segment");
            }

            var via = Text(root, "createdVia") ?? Text(root, "created_via") ?? "manual";
            if (via is not ("manual" or "copilot"))
            {
                return TypedResults.Problem($"createdVia '{via}' is not allowed; allowed: manual, copilot", statusCode: 400, title: "Invalid segment");
            }

            if (!root.TryGetProperty("definition", out var definition))
            {
                return Invalid(new SegmentDefinitionException([new("definition", "is missing")]));
            }

            try
            {
                var saved = await segments.CreateAsync(Text(root, "name"), Text(root, "description"), definition, via, user.UserName(), ct);
                return TypedResults.Created($"/api/segments/{saved.Id}", saved);
            }
            catch (SegmentDefinitionException e)
            {
                return Invalid(e);
            }
        }
    }

    /// <summary>
    /// <c>PUT /api/segments/{id}</c> with <c>{ definition, description? }</c> → 200 with the revised segment, recounted (drafts
    /// follow it; audited with before and after); 400 for an invalid definition; 404; 409 while a launched campaign uses it.
    /// </summary>
    public static async Task<Results<Ok<SegmentResponse>, NotFound, ProblemHttpResult>> Revise(long id, HttpRequest request, SegmentService segments, ClaimsPrincipal user, CancellationToken ct)
    {
        var (doc, problem) = await JsonBody.ReadAsync(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        using (doc)
        {
            var root = doc!.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("definition", out var definition))
            {
                return Invalid(new SegmentDefinitionException([new("definition", "is missing; expected { definition, description? }")]));
            }

            var description = Text(root, "description");
            if (description?.Length > 2000)
            {
                return Invalid(new SegmentDefinitionException([new("description", $"is {description.Length} characters long; at most 2000 are allowed")]));
            }

            try
            {
                return await segments.ReviseAsync(id, definition, description, user.UserName(), ct) is { } revised ? TypedResults.Ok(revised)
                    : await segments.ExistsAsync(id, ct)
                        ? TypedResults.Problem($"segment {id} is used by a launched campaign; save a new segment instead", statusCode: 409, title: "Segment in use")
                        : TypedResults.NotFound();
            }
            catch (SegmentDefinitionException e)
            {
                return Invalid(e);
            }
        }
    }

    /// <summary><c>GET /api/segments?limit=100</c>: newest first.</summary>
    public static async Task<Ok<IReadOnlyList<SegmentResponse>>> List(SegmentService segments, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await segments.ListAsync(Math.Clamp(limit ?? 100, 1, 500), ct));

    /// <summary>
    /// <c>GET /api/segments/{id}</c>: the segment, recounted (the count is stored); <c>?recount=false</c> returns it as
    /// stored, for a caller that previews the audience itself next.
    /// </summary>
    public static async Task<Results<Ok<SegmentResponse>, NotFound>> Get(long id, bool? recount, SegmentService segments, CancellationToken ct) =>
        await (recount == false ? segments.FindAsync(id, ct) : segments.GetAsync(id, ct)) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound();

    /// <summary><c>DELETE /api/segments/{id}</c>: 204; 404; 409 while a campaign uses it.</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(long id, SegmentService segments, ClaimsPrincipal user, CancellationToken ct) =>
        await segments.DeleteAsync(id, user.UserName(), ct) switch
        {
            DeleteOutcome.Deleted => TypedResults.NoContent(),
            DeleteOutcome.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Problem($"segment {id} is used by a campaign; delete or re-target the campaign first", statusCode: 409, title: "Segment in use"),
        };

    /// <summary>The 400 problem for an invalid definition.</summary>
    public static ProblemHttpResult Invalid(SegmentDefinitionException e) =>
        TypedResults.Problem(
            detail: string.Join("; ", e.Errors.Take(10).Select(x => x.ToString())),
            statusCode: 400,
            title: "Invalid segment definition",
            extensions: new Dictionary<string, object?> { ["errors"] = e.Errors.Select(x => new DefinitionError(x.Path, x.Message)).ToList() });

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
