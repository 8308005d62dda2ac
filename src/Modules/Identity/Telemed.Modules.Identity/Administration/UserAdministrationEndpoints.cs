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

public sealed record UserSummary(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string Status, bool MfaEnabled, DateTime? LastSignInAt);
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
        admin.MapGet("/", ListAsync).WithName("ListUsers");
        admin.MapPut("/{id:guid}/roles", ChangeRolesAsync).Validate<ChangeRolesRequest>().WithName("ChangeUserRoles");
        admin.MapPost("/{id:guid}/suspend", (Guid id, UserAdministration admin, CancellationToken ct) => admin.SetSuspendedAsync(id, true, ct)).WithName("SuspendUser");
        admin.MapPost("/{id:guid}/reactivate", (Guid id, UserAdministration admin, CancellationToken ct) => admin.SetSuspendedAsync(id, false, ct)).WithName("ReactivateUser");
    }

    private static async Task<Ok<PagedResult<UserSummary>>> ListAsync(IdentityDbContext db, UserStore store, string? search, string? role, int? page, int? pageSize, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        var query = db.Users.AsNoTracking().Include(u => u.Roles).AsQueryable();
        // Names and addresses are encrypted, so search is by exact e-mail through its blind index.
        if (!string.IsNullOrWhiteSpace(search))
        {
            var lookup = store.Lookup(search.Trim().ToUpperInvariant());
            query = query.Where(u => u.EmailLookup == lookup);
        }

        if (!string.IsNullOrWhiteSpace(role))
        {
            query = query.Where(u => u.Roles.Any(r => r.Role == role));
        }

        var total = await query.CountAsync(ct);
        var users = await query.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var items = users.Select(u => new UserSummary(u.Id, u.Email, u.DisplayName, u.RoleNames, StatusOf(u), u.TwoFactorEnabled, u.LastSignInAt)).ToList();
        return TypedResults.Ok(new PagedResult<UserSummary>(items, total, paging.Page, paging.PageSize));
    }

    private static string StatusOf(UserAccount user) => user.Status switch
    {
        AccountStatus.Suspended => "suspended",
        AccountStatus.Invited => "invited",
        _ when !user.EmailConfirmed => "unverified",
        _ => "active",
    };

    private static Task<Results<NoContent, ProblemHttpResult>> ChangeRolesAsync(Guid id, ChangeRolesRequest request, UserAdministration admin, CancellationToken ct) =>
        admin.ChangeRolesAsync(id, request.Roles, ct);
}

/// <summary>Role and status changes; each ends the user's sessions so the new rights apply at once.</summary>
internal sealed class UserAdministration(IdentityDbContext db, SessionService sessions, ICurrentUser currentUser, AuditScope audit)
{
    private static readonly Error CannotChangeSelf = Error.Conflict("identity.cannot_change_own_account", "You cannot suspend yourself or remove your own Admin role.");

    public async Task<Results<NoContent, ProblemHttpResult>> ChangeRolesAsync(Guid id, IReadOnlyList<string> roles, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Problems.From(Error.NotFound());
        }

        var wanted = roles.Select(r => Roles.All.Single(k => k == r)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (id == currentUser.UserId && !wanted.Contains(Roles.Admin))
        {
            return Problems.From(CannotChangeSelf);
        }

        var before = string.Join(',', user.RoleNames);
        user.Roles.RemoveAll(r => !wanted.Contains(r.Role));
        foreach (var role in wanted.Where(r => user.Roles.All(x => x.Role != r)))
        {
            user.Roles.Add(new UserRole { UserId = user.Id, Role = role });
        }

        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(ct);
        await sessions.EndAllAsync(user.Id, "roles-changed", ct);
        audit.Record(AuditActions.RolesChanged, AuditOutcome.Success, "UserAccount", user.Id.ToString(), $"{before} -> {string.Join(',', wanted)}");
        return TypedResults.NoContent();
    }

    public async Task<Results<NoContent, ProblemHttpResult>> SetSuspendedAsync(Guid id, bool suspended, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Problems.From(Error.NotFound());
        }

        if (id == currentUser.UserId)
        {
            return Problems.From(CannotChangeSelf);
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
        await db.SaveChangesAsync(ct);
        if (suspended)
        {
            await sessions.EndAllAsync(user.Id, "suspended", ct);
        }

        audit.Record(suspended ? AuditActions.UserSuspended : AuditActions.UserReactivated, AuditOutcome.Success, "UserAccount", user.Id.ToString());
        return TypedResults.NoContent();
    }
}
