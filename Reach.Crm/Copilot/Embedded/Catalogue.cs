namespace Reach.Crm.Copilot.Embedded;

/// <summary>
/// What the embedded planner matches a marketer's words against, read from the database so it works on any data
/// set: categories, product names, cities, countries and tags as the data spells them.
/// </summary>
/// <param name="Categories">Lower-case categories.</param>
/// <param name="Products">Product names.</param>
/// <param name="Cities">City names as stored.</param>
/// <param name="Countries">Country names as stored.</param>
/// <param name="Tags">Lower-case tags.</param>
public sealed record Catalogue(
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Products,
    IReadOnlyList<string> Cities,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Tags)
{
    /// <summary>An empty catalogue.</summary>
    public static readonly Catalogue Empty = new([], [], [], [], []);
}
