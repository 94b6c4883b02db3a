namespace Reach.Crm.Security;

/// <summary>Claim types Reach puts in its tokens (besides the name and role claims).</summary>
public static class ReachClaims
{
    /// <summary>The user's security stamp when the token was issued.</summary>
    public const string SecurityStamp = "reach:stamp";
}
