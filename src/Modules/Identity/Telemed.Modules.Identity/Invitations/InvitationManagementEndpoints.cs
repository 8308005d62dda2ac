using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Infrastructure;
using Telemed.Modules.Identity.Registration;
using Telemed.Modules.Identity.Sessions;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Identity.Invitations;

/// <summary>
/// An admin resends an invitation (a new link valid 72 hours; earlier links stop working) or revokes it (every link stops
/// working and the invited account is suspended). Both only for accounts still invited; both audited.
/// </summary>
internal static class InvitationManagementEndpoints
{
    public const string Resent = "user.invitation_resent";
    public const string Revoked = "user.invitation_revoked";
    public static readonly Error NotInvited = Error.Conflict("identity.not_invited", "This account has no open invitation: it was accepted or revoked.");

    public static void MapInvitationManagementEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/users/{id:guid}/invitation").RequireAuthorization(Policies.Admin).WithTags("Administration");
        admin.MapPost("/resend", ResendAsync).WithName("ResendInvitation");
        admin.MapPost("/revoke", RevokeAsync).WithName("RevokeInvitation");
    }

    private static async Task<UserAccount?> InvitedAsync(Guid id, IdentityDbContext db, CancellationToken ct) =>
        await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == id && u.Status == AccountStatus.Invited, ct);

    /// <summary>204; errors: <c>identity.not_invited</c> (409) when the account is not (or no longer) invited.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ResendAsync(Guid id, IdentityDbContext db, ICurrentUser currentUser,
        INotificationSender notifications, EmailLinks links, TimeProvider clock, CancellationToken ct)
    {
        if (await InvitedAsync(id, db, ct) is not { } user)
        {
            return Problems.From(NotInvited);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.Invitations.Where(i => i.UserId == id && i.AcceptedAt == null).ToListAsync(ct);
        open.ForEach(i => i.Close(now));
        var role = open.Select(i => i.Role).FirstOrDefault() ?? user.RoleNames.FirstOrDefault() ?? Roles.Doctor;
        var token = InvitationEndpoints.NewToken();
        db.Invitations.Add(new Invitation
        {
            UserId = user.Id, Role = role, TokenHash = SessionService.HashToken(token), InvitedBy = currentUser.RequireUserId(),
            CreatedAt = now, ExpiresAt = now + InvitationEndpoints.Validity,
        });
        db.AuditWithNextSave(Resent, "UserAccount", user.Id.ToString());
        await db.SaveChangesAsync(ct);
        var (subject, body) = AccountEmails.Invitation(user.PreferredLanguage, role, $"{links.BaseUrl}/accept-invitation?token={token}");
        // The old links are closed and the new one stored: it is sent whatever becomes of the request, or the invitee would be
        // left with no working link at all.
        await notifications.SendEmailAsync(user.Email, subject, body, CancellationToken.None);
        return TypedResults.NoContent();
    }

    /// <summary>204; errors: <c>identity.not_invited</c> (409).</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, IdentityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await InvitedAsync(id, db, ct) is not { } user)
        {
            return Problems.From(NotInvited);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        (await db.Invitations.Where(i => i.UserId == id && i.AcceptedAt == null).ToListAsync(ct)).ForEach(i => i.Close(now));
        user.Status = AccountStatus.Suspended;
        db.AuditWithNextSave(Revoked, "UserAccount", user.Id.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
