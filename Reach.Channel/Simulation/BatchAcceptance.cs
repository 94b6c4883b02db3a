namespace Reach.Channel.Simulation;

/// <summary>How many messages of a send batch were accepted, and how many were refused as already seen.</summary>
/// <param name="Accepted">New communication ids, now being played.</param>
/// <param name="Duplicates">Communication ids seen before (in any batch since the process started), not played again.</param>
public readonly record struct BatchAcceptance(int Accepted, int Duplicates);
