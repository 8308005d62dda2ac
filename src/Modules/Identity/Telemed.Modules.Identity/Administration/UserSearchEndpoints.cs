using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Infrastructure;

namespace Telemed.Modules.Identity.Administration;

/// <summary>
/// One account as an admin sees it. <see cref="Email"/> and <see cref="DisplayName"/> are null for a
/// patient's account (see <see cref="AdminAccountView"/>); <see cref="Status"/> is
/// "active" | "suspended" | "invited" | "unverified"; instants are UTC.
/// </summary>
public sealed record UserSummary(Guid Id, string? Email, string? DisplayName, IReadOnlyList<string> Roles, string Status, bool MfaEnabled, DateTime? LastSignInAt);

/// <summary>
/// An admin's account search. The e-mail is PHI for a patient, so it travels in the body, never in
/// the URL. <see cref="Email"/>: exact address (any case), found through its blind index; blank lists
/// everyone, newest first. <see cref="Role"/>: one of the known roles, or blank for any.
/// </summary>
public sealed record UserSearchRequest(string? Email, string? Role, int? Page, int? PageSize);

internal sealed class UserSearchRequestValidator : AbstractValidator<UserSearchRequest>
{
    public UserSearchRequestValidator()
    {
        RuleFor(r => r.Email).MaximumLength(320);
        RuleFor(r => r.Role).Must(r => Roles.IsKnown(r!)).When(r => !string.IsNullOrWhiteSpace(r.Role)).WithMessage("Unknown role.");
        // The paging rule of every list (PageRequest.FieldErrors), with its messages.
        RuleFor(r => r.Page).InclusiveBetween(1, PageRequest.MaxPage).When(r => r.Page is not null).WithMessage(PageRequest.PageMessage);
        RuleFor(r => r.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize).When(r => r.PageSize is not null).WithMessage(PageRequest.PageSizeMessage);
    }
}

/// <summary>
/// What an admin may see of an account: the minimum needed to administer it. A staff account shows
/// its name and e-mail (admins invite and manage staff by them). A patient's name and e-mail are
/// demographics, which admins may not read (docs/security.md), so a patient's row shows neither,
/// except the e-mail an admin searched for: it matched exactly, so the admin already knows it.
/// </summary>
internal static class AdminAccountView
{
    public static bool HidesDemographicsOf(UserAccount user) => !user.IsStaff;

    public static UserSummary Of(UserAccount user, string status, bool searchedByThisEmail) => HidesDemographicsOf(user)
        ? new UserSummary(user.Id, searchedByThisEmail ? user.Email : null, null, user.RoleNames, status, user.TwoFactorEnabled, user.LastSignInAt)
        : new UserSummary(user.Id, user.Email, user.DisplayName, user.RoleNames, status, user.TwoFactorEnabled, user.LastSignInAt);
}

internal static class UserSearchEndpoints
{
    public static void MapUserSearchEndpoints(this RouteGroupBuilder admin) =>
        admin.MapPost("/search", SearchAsync).Validate<UserSearchRequest>().WithName("SearchUsers");

    private static async Task<Ok<PagedResult<UserSummary>>> SearchAsync(UserSearchRequest request, IdentityDbContext db, UserStore store, CancellationToken ct)
    {
        var paging = PageRequest.From(request.Page, request.PageSize);
        var query = db.Users.AsNoTracking().Include(u => u.Roles).AsQueryable();
        // Names and addresses are encrypted, so search is by exact e-mail through its blind index.
        var byEmail = !string.IsNullOrWhiteSpace(request.Email);
        if (byEmail)
        {
            var lookup = store.Lookup(request.Email!.Trim().ToUpperInvariant());
            query = query.Where(u => u.EmailLookup == lookup);
        }

        if (!string.IsNullOrWhiteSpace(request.Role))
        {
            var role = Roles.All.Single(r => r == request.Role);
            query = query.Where(u => u.Roles.Any(r => r.Role == role));
        }

        var total = await query.CountAsync(ct);
        var users = await query.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var items = users.Select(u => AdminAccountView.Of(u, StatusOf(u), byEmail)).ToList();
        return TypedResults.Ok(new PagedResult<UserSummary>(items, total, paging.Page, paging.PageSize));
    }

    private static string StatusOf(UserAccount user) => user.Status switch
    {
        AccountStatus.Suspended => "suspended",
        AccountStatus.Invited => "invited",
        _ when !user.EmailConfirmed => "unverified",
        _ => "active",
    };
}
