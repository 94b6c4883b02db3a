using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Reach.Crm.Auditing;
using Reach.Crm.Infrastructure;

namespace Reach.Crm.Security;

/// <summary>
/// Users in the CRM database: create, ensure (from configuration), verify a password (Identity's
/// <see cref="PasswordHasher{TUser}"/>), change a role, and sign out (a new security stamp revokes every token).
/// User changes are audited (entity type <c>user</c>).
/// </summary>
public sealed partial class UserService(ReachDbContext db, IPasswordHasher<ReachUser> hasher, TimeProvider time)
{
    private static readonly ReachUser NoOne = new() { UserName = "", PasswordHash = "", Role = "", SecurityStamp = "" };
    private static readonly Lazy<string> NoOneHash = new(() => new PasswordHasher<ReachUser>().HashPassword(NoOne, Guid.NewGuid().ToString("N")));

    /// <summary>Shortest password.</summary>
    public const int MinPasswordLength = 8;

    /// <summary>Longest password (PBKDF2 input is bounded to keep sign-in cheap).</summary>
    public const int MaxPasswordLength = 200;

    /// <summary>Longest user name.</summary>
    public const int MaxUserNameLength = 100;

    /// <summary>A user name as stored: trimmed, lower case; null when it is not a valid name.</summary>
    public static string? Normalise(string? userName)
    {
        var name = userName?.Trim().ToLowerInvariant();
        return name is { Length: > 0 and <= MaxUserNameLength } && NamePattern().IsMatch(name) ? name : null;
    }

    /// <summary>Creates a user.</summary>
    /// <exception cref="UserRequestException">A field is invalid, or the user exists (<see cref="UserRequestException.Conflict"/>).</exception>
    public async Task<UserResponse> CreateAsync(string? userName, string? password, string? role, string actor, CancellationToken ct)
    {
        var name = Normalise(userName)
            ?? throw new UserRequestException($"userName must be 1–{MaxUserNameLength} characters of a–z, 0–9, '.', '_', '-', '@'");
        if (password is null || password.Length is < MinPasswordLength or > MaxPasswordLength)
        {
            throw new UserRequestException($"password must be {MinPasswordLength}–{MaxPasswordLength} characters long");
        }

        if (!ReachRoles.IsKnown(role))
        {
            throw new UserRequestException($"role '{role}' is not known; allowed: {string.Join(", ", ReachRoles.All)}");
        }

        if (await db.Users.AnyAsync(u => u.UserName == name, ct))
        {
            throw new UserRequestException($"user '{name}' already exists", conflict: true);
        }

        var now = time.GetUtcNow();
        var user = new ReachUser { UserName = name, PasswordHash = "", Role = role!, SecurityStamp = NewStamp(), CreatedAt = now, UpdatedAt = now };
        user.PasswordHash = hasher.HashPassword(user, password);
        await using (var tx = await db.BeginUnlessActiveAsync(ct))
        {
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
            Audit(actor, "user.created", user, null, new { user.UserName, user.Role });
            await db.SaveChangesAsync(ct);
            await (tx?.CommitAsync(ct) ?? Task.CompletedTask);
        }

        return ToResponse(user);
    }

    /// <summary>Creates the user when missing; an existing user is never changed.</summary>
    /// <returns>True when it was created.</returns>
    /// <exception cref="UserRequestException">The configured user is invalid.</exception>
    public async Task<bool> EnsureAsync(ConfiguredUser configured, CancellationToken ct)
    {
        if (Normalise(configured.UserName) is { } name && await db.Users.AnyAsync(u => u.UserName == name, ct))
        {
            return false;
        }

        await CreateAsync(configured.UserName, configured.Password, configured.Role, "system", ct);
        return true;
    }

    /// <summary>The user when the password is right; null otherwise (unknown user or wrong password, indistinguishably).</summary>
    public async Task<ReachUser?> VerifyAsync(string? userName, string? password, CancellationToken ct)
    {
        var name = Normalise(userName);
        var user = name is null ? null : await db.Users.FirstOrDefaultAsync(u => u.UserName == name, ct);
        if (password is null || password.Length > MaxPasswordLength)
        {
            return null;
        }

        if (user is null)
        {
            // The same hashing work as for a known user, so the answer's timing does not tell which user names exist.
            hasher.VerifyHashedPassword(NoOne, NoOneHash.Value, password);
            return null;
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            await db.SaveChangesAsync(ct);
        }

        return verdict == PasswordVerificationResult.Failed ? null : user;
    }

    /// <summary>The current stamp and role of a user; null when the user no longer exists.</summary>
    public async Task<(string Stamp, string Role)?> SessionAsync(string userName, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => new { u.SecurityStamp, u.Role }).FirstOrDefaultAsync(ct)
            is { } s ? (s.SecurityStamp, s.Role) : null;

    /// <summary>Revokes every token of the user (a new security stamp).</summary>
    public async Task SignOutAsync(string userName, CancellationToken ct) =>
        await db.Users.Where(u => u.UserName == userName)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, NewStamp()).SetProperty(u => u.UpdatedAt, time.GetUtcNow()), ct);

    /// <summary>All users by name.</summary>
    public async Task<IReadOnlyList<UserResponse>> ListAsync(CancellationToken ct) =>
        (await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct)).Select(ToResponse).ToList();

    /// <summary>Changes a user's role (effective on their next request, within the session cache time).</summary>
    /// <returns>The user, or null when absent.</returns>
    /// <exception cref="UserRequestException">The role is not known.</exception>
    public async Task<UserResponse?> SetRoleAsync(string userName, string? role, string actor, CancellationToken ct)
    {
        if (!ReachRoles.IsKnown(role))
        {
            throw new UserRequestException($"role '{role}' is not known; allowed: {string.Join(", ", ReachRoles.All)}");
        }

        var name = Normalise(userName);
        var user = name is null ? null : await db.Users.FirstOrDefaultAsync(u => u.UserName == name, ct);
        if (user is null)
        {
            return null;
        }

        var before = user.Role;
        user.Role = role!;
        user.UpdatedAt = time.GetUtcNow();
        Audit(actor, "user.role_changed", user, new { role = before }, new { role });
        await db.SaveChangesAsync(ct);
        return ToResponse(user);
    }

    private void Audit(string actor, string action, ReachUser user, object? before, object? after) =>
        db.AuditLog.Add(new AuditLogEntry
        {
            OccurredAt = time.GetUtcNow(), Actor = actor, Action = action, EntityType = "user", EntityId = user.Id,
            Before = before is null ? null : JsonSerializer.SerializeToDocument(before),
            After = after is null ? null : JsonSerializer.SerializeToDocument(after),
        });

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static UserResponse ToResponse(ReachUser u) => new(u.UserName, u.Role, u.CreatedAt, u.UpdatedAt);

    [GeneratedRegex("^[a-z0-9._@-]+$")]
    private static partial Regex NamePattern();
}
