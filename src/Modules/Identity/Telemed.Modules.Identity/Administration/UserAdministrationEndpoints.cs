using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Infrastructure;
using Telemed.Modules.Identity.Sessions;

namespace Telemed.Modules.Identity.Administration;

public sealed record ChangeRolesRequest(IReadOnlyList<string> Roles);

internal sealed class ChangeRolesRequestValidator : AbstractValidator<ChangeRolesRequest>
{
    public ChangeRolesRequestValidator()
    {
        // A user holds each role at most once, so a list longer than the catalogue, or with repeats, is a mistake (or 100,000 copies of one role).
        RuleFor(r => r.Roles).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Give the user at least one role.")
            .Must(r => r.Count <= Roles.All.Count && r.Distinct(StringComparer.Ordinal).Count() == r.Count).WithMessage("Name each role once.");
        RuleForEach(r => r.Roles).Must(r => r is not null && Roles.IsKnown(r)).WithMessage("Unknown role.");
    }
}

internal static class UserAdministrationEndpoints
{
    public static void MapUserAdministrationEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/users").RequireAuthorization(Policies.Admin).WithTags("Administration");
        admin.MapUserSearchEndpoints();
        admin.MapPut("/{id:guid}/roles", ChangeRolesAsync).Validate<ChangeRolesRequest>().WithName("ChangeUserRoles");
        admin.MapPost("/{id:guid}/suspend", (Guid id, UserAdministration admin, CancellationToken ct) => admin.SetSuspendedAsync(id, true, ct)).WithName("SuspendUser");
        admin.MapPost("/{id:guid}/reactivate", (Guid id, UserAdministration admin, CancellationToken ct) => admin.SetSuspendedAsync(id, false, ct)).WithName("ReactivateUser");
    }

    private static Task<Results<NoContent, ProblemHttpResult>> ChangeRolesAsync(Guid id, ChangeRolesRequest request, UserAdministration admin, CancellationToken ct) =>
        admin.ChangeRolesAsync(id, request.Roles, ct);
}

/// <summary>
/// Role and status changes; each ends the user's sessions so the new rights apply at once. A change that takes an active
/// administrator away (their Admin role removed, or their account suspended) is refused when no other active administrator
/// would remain (409 <c>identity.last_admin</c>), also when two administrators act on each other at the same moment: such a
/// change writes every active administrator's row under its concurrency token, so of two crossing changes one commits and the
/// other is re-checked against what the first left (<see cref="ClinicKeepsAnActiveAdministratorRule"/>).
/// </summary>
internal sealed class UserAdministration(IdentityDbContext db, SessionService sessions, ICurrentUser currentUser, AuditScope audit)
{
    private static readonly Error CannotChangeSelf = Error.Conflict("identity.cannot_change_own_account", "You cannot suspend yourself or remove your own Admin role.");

    private const int Attempts = 3;

    public async Task<Results<NoContent, ProblemHttpResult>> ChangeRolesAsync(Guid id, IReadOnlyList<string> roles, CancellationToken ct)
    {
        var wanted = roles.Select(r => Roles.All.Single(k => k == r)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (id == currentUser.UserId && !wanted.Contains(Roles.Admin))
        {
            return Problems.From(CannotChangeSelf);
        }

        for (var attempt = 1; ; attempt++)
        {
            var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == id, ct);
            if (user is null)
            {
                return Problems.From(Error.NotFound());
            }

            if (await GuardAdministratorsAsync(user, staysAdmin: wanted.Contains(Roles.Admin) && user.Status == AccountStatus.Active, ct) is { } refused)
            {
                return Problems.From(refused);
            }

            var before = string.Join(',', user.RoleNames);
            user.Roles.RemoveAll(r => !wanted.Contains(r.Role));
            foreach (var role in wanted.Where(r => user.Roles.All(x => x.Role != r)))
            {
                user.Roles.Add(new UserRole { UserId = user.Id, Role = role });
            }

            user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            if (!await SavedAsync(attempt, ct))
            {
                continue;
            }

            await sessions.EndAllAsync(user.Id, "roles-changed");
            audit.Record(AuditActions.RolesChanged, AuditOutcome.Success, "UserAccount", user.Id.ToString(), $"{before} -> {string.Join(',', wanted)}");
            return TypedResults.NoContent();
        }
    }

    public async Task<Results<NoContent, ProblemHttpResult>> SetSuspendedAsync(Guid id, bool suspended, CancellationToken ct)
    {
        if (id == currentUser.UserId)
        {
            return Problems.From(CannotChangeSelf);
        }

        for (var attempt = 1; ; attempt++)
        {
            var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == id, ct);
            if (user is null)
            {
                return Problems.From(Error.NotFound());
            }

            if (suspended && await GuardAdministratorsAsync(user, staysAdmin: false, ct) is { } refused)
            {
                return Problems.From(refused);
            }

            if (suspended && user.Status != AccountStatus.Suspended)
            {
                user.Status = AccountStatus.Suspended;
            }
            else if (!suspended && user.Status == AccountStatus.Suspended)
            {
                user.Status = user.PasswordHash is null ? AccountStatus.Invited : AccountStatus.Active;
            }

            user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            if (!await SavedAsync(attempt, ct))
            {
                continue;
            }

            if (suspended)
            {
                await sessions.EndAllAsync(user.Id, "suspended");
            }

            audit.Record(suspended ? AuditActions.UserSuspended : AuditActions.UserReactivated, AuditOutcome.Success, "UserAccount", user.Id.ToString());
            return TypedResults.NoContent();
        }
    }

    /// <summary>
    /// When <paramref name="user"/> is an active administrator now and will not be one after the change (<paramref name="staysAdmin"/>
    /// false): refuses if no other active administrator remains, and otherwise marks every active administrator's row as written
    /// with this save, so a crossing change by another administrator fails its concurrency check and is re-checked. Null: go on.
    /// </summary>
    private async Task<Error?> GuardAdministratorsAsync(UserAccount user, bool staysAdmin, CancellationToken ct)
    {
        if (!IsActiveAdministrator(user) || staysAdmin)
        {
            return null;
        }

        var administrators = await db.Users.Include(u => u.Roles)
            .Where(u => u.Status == AccountStatus.Active && u.Roles.Any(r => r.Role == Roles.Admin)).ToListAsync(ct);
        if (ClinicKeepsAnActiveAdministratorRule.IsBrokenBy(administrators.Select(a => a.Id).ToList(), user.Id) is { } broken)
        {
            return broken;
        }

        foreach (var administrator in administrators)
        {
            administrator.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        }

        return null;
    }

    private static bool IsActiveAdministrator(UserAccount user) => user.Status == AccountStatus.Active && user.Roles.Any(r => r.Role == Roles.Admin);

    /// <summary>True when saved; false when another change to the same rows committed first and the caller should read and decide again.</summary>
    private async Task<bool> SavedAsync(int attempt, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException) when (attempt < Attempts)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
