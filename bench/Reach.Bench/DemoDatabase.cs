namespace Reach.Bench;

/// <summary>The demo brand's database, generated once per run and shared by the scenarios that need it.</summary>
/// <param name="ConnectionString">Where it is.</param>
/// <param name="Customers">How many customers <c>seed-demo</c> generated.</param>
/// <param name="ReferenceTime">"Now" of the generated data: <c>seed-demo</c> has no option for it and uses the current
/// time, so this is the time the bench started it (within seconds of the generator's own; the CRM's
/// <c>Reach:Segmentation:AsOf</c> is set to it).</param>
public sealed record DemoDatabase(string ConnectionString, int Customers, DateTimeOffset ReferenceTime);
