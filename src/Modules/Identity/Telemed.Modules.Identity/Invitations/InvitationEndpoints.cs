using System.Security.Cryptography;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Identity.Infrastructure;
using Telemed.Modules.Identity.Registration;
using Telemed.Modules.Identity.Sessions;
using Telemed.Modules.Identity.SignIn;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Identity.Invitations;

public sealed record InviteStaffRequest(string Email, string DisplayName, string Role, string? PreferredLanguage);
public sealed record InvitationCreated(Guid Id);
public sealed record InvitationDetails(string Email, string DisplayName, string Role);
public sealed record AcceptInvitationRequest(string Token, string Password);

internal sealed class InviteStaffRequestValidator : AbstractValidator<InviteStaffRequest>
{
    public InviteStaffRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().DeliverableEmail().MaximumLength(254);
        RuleFor(r => r.DisplayName).NotEmpty().WithMessage("Enter the person's name.").MaximumLength(200);
        RuleFor(r => r.Role).Must(r => Roles.Staff.Contains(r)).WithMessage("Choose one of: Doctor, FrontDesk, Pharmacist, Admin.");
        RuleFor(r => r.PreferredLanguage).Must(l => l is null or "en" or "ru").WithMessage("Choose English or Russian.");
    }
}

internal sealed class AcceptInvitationRequestValidator : AbstractValidator<AcceptInvitationRequest>
{
    public AcceptInvitationRequestValidator()
    {
        RuleFor(r => r.Token).NotEmpty().MaximumLength(512);
        RuleFor(r => r.Password).NotEmpty().MinimumLength(10).WithMessage("Use at least 10 characters.").MaximumLength(256);
    }
}

internal static class InvitationEndpoints
{
    internal static readonly TimeSpan Validity = TimeSpan.FromHours(72);

    public static void MapInvitationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/admin/invitations", InviteAsync).RequireAuthorization(Policies.Admin).Validate<InviteStaffRequest>().WithTags("Administration").WithName("InviteStaff");
        api.MapPost("/auth/invitations/inspect", InspectAsync).AllowAnonymous().RequireRateLimiting(IdentityModule.AuthRateLimit).Validate<TokenBody>().WithTags("Authentication").WithName("InspectInvitation");
        api.MapPost("/auth/invitations/accept", AcceptAsync).AllowAnonymous().RequireRateLimiting(IdentityModule.AuthRateLimit).Validate<AcceptInvitationRequest>().WithTags("Authentication").WithName("AcceptInvitation");
    }

    private static async Task<Results<Created<InvitationCreated>, ProblemHttpResult>> InviteAsync(InviteStaffRequest request, UserManager<UserAccount> users,
        IdentityDbContext db, ICurrentUser currentUser, INotificationSender notifications, EmailLinks links, AuditScope audit, TimeProvider clock, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(request.Email.Trim()) is not null)
        {
            return Problems.From(Error.Conflict("identity.email_taken", "An account with this e-mail address already exists."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = new UserAccount
        {
            Email = request.Email.Trim(),
            DisplayName = request.DisplayName.Trim(),
            PreferredLanguage = request.PreferredLanguage ?? "en",
            Status = AccountStatus.Invited,
            EmailConfirmed = true,
            CreatedAt = now,
        };
        user.Roles.Add(new UserRole { UserId = user.Id, Role = request.Role });
        var token = NewToken();
        var invitation = new Invitation
        {
            UserId = user.Id,
            Role = request.Role,
            TokenHash = SessionService.HashToken(token),
            InvitedBy = currentUser.RequireUserId(),
            CreatedAt = now,
            ExpiresAt = now + Validity,
        };
        db.Invitations.Add(invitation);
        db.Publish(new StaffAccountCreated(user.Id, user.Email, user.DisplayName, [request.Role]));
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Problems.From(IdentityErrors.ToValidation(created));
        }

        audit.Record(AuditActions.UserInvited, AuditOutcome.Success, "UserAccount", user.Id.ToString(), request.Role);
        var (subject, body) = AccountEmails.Invitation(user.PreferredLanguage, request.Role, $"{links.BaseUrl}/accept-invitation?token={token}");
        // The account and its invitation are stored: the link goes out whatever becomes of the request.
        await notifications.SendEmailAsync(user.Email, subject, body, CancellationToken.None);
        return TypedResults.Created($"/api/v1/admin/users/{user.Id}", new InvitationCreated(user.Id));
    }

    internal static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task<(Invitation, UserAccount)?> FindOpenAsync(string token, IdentityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var hash = SessionService.HashToken(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, ct);
        var user = invitation is null ? null : await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == invitation.UserId && u.Status == AccountStatus.Invited, ct);
        return invitation is null || user is null ? null : (invitation, user);
    }

    private static async Task<Results<Ok<InvitationDetails>, ProblemHttpResult>> InspectAsync(TokenBody request, IdentityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var open = await FindOpenAsync(request.Token, db, clock, ct);
        return open is { } o ? TypedResults.Ok(new InvitationDetails(o.Item2.Email, o.Item2.DisplayName, o.Item1.Role)) : Problems.From(SignInErrors.InvalidToken);
    }

    private static async Task<Results<Ok<SignInStatus>, ProblemHttpResult>> AcceptAsync(AcceptInvitationRequest request, IdentityDbContext db, UserManager<UserAccount> users,
        CookieSignIn signIn, TimeProvider clock, CancellationToken ct)
    {
        if (await FindOpenAsync(request.Token, db, clock, ct) is not var (invitation, user))
        {
            return Problems.From(SignInErrors.InvalidToken);
        }

        invitation.AcceptedAt = clock.GetUtcNow().UtcDateTime;
        user.Status = AccountStatus.Active;
        var result = await users.AddPasswordAsync(user, request.Password);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Problems.From(IdentityErrors.ToValidation(result));
        }

        return TypedResults.Ok(await signIn.StartAsync(user, ct));
    }
}
