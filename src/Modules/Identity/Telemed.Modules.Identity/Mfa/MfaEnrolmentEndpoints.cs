using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using QRCoder;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Sessions;
using Telemed.Modules.Identity.SignIn;

namespace Telemed.Modules.Identity.Mfa;

public sealed record MfaEnrolment(string SharedKey, string AuthenticatorUri, string QrCodeSvgDataUri);
public sealed record MfaEnrolmentConfirmation(string Code);
public sealed record RecoveryCodesIssued(IReadOnlyList<string> RecoveryCodes);

internal sealed class MfaEnrolmentConfirmationValidator : AbstractValidator<MfaEnrolmentConfirmation>
{
    public MfaEnrolmentConfirmationValidator() =>
        RuleFor(r => r.Code).NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app.").MaximumLength(32);
}

internal static class MfaEnrolmentEndpoints
{
    public static readonly Error AlreadyEnrolled = Error.Forbidden("auth.mfa_already_enrolled", "Multi-factor authentication is already set up; sign in with your code.");

    public static void MapMfaEnrolmentEndpoints(this RouteGroupBuilder auth)
    {
        auth.MapGet("/mfa/enrolment", BeginAsync).RequireAuthorization(Policies.PasswordVerified).WithName("BeginMfaEnrolment");
        auth.MapPost("/mfa/enrolment", ConfirmAsync).RequireAuthorization(Policies.PasswordVerified).RequireRateLimiting(IdentityModule.AuthRateLimit)
            .Validate<MfaEnrolmentConfirmation>().WithName("ConfirmMfaEnrolment");
    }

    private static async Task<(UserAccount? User, SessionState? State)> CurrentAsync(HttpContext http, UserManager<UserAccount> users)
    {
        var state = http.Features.Get<SessionState>();
        return (state is null ? null : await users.FindByIdAsync(state.Session.UserId.ToString()), state);
    }

    private static async Task<Results<Ok<MfaEnrolment>, ProblemHttpResult>> BeginAsync(HttpContext http, UserManager<UserAccount> users)
    {
        var (user, state) = await CurrentAsync(http, users);
        if (user is null || state is null)
        {
            return Problems.From(Error.NotFound());
        }

        // Replacing a second factor needs proof of the current one (POST /mfa/enrolment/replacement), never just a session.
        if (user.TwoFactorEnabled)
        {
            return Problems.From(state.Session.MfaSatisfied ? Replace.MfaReplacementEndpoints.CurrentFactorRequired : AlreadyEnrolled);
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return TypedResults.Ok(EnrolmentFor(user, key!));
    }

    /// <summary>The key as the user types it, its otpauth:// URI and a QR code of it (an SVG data URI).</summary>
    public static MfaEnrolment EnrolmentFor(UserAccount user, string key)
    {
        var uri = $"otpauth://totp/Telemed:{Uri.EscapeDataString(user.Email)}?secret={key}&issuer=Telemed&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        var dataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
        return new MfaEnrolment(FormatKey(key), uri, dataUri);
    }

    private static async Task<Results<Ok<RecoveryCodesIssued>, ProblemHttpResult>> ConfirmAsync(MfaEnrolmentConfirmation request, HttpContext http,
        UserManager<UserAccount> users, CookieSignIn signIn, PasswordVerification verification, SessionService sessions, AuditScope audit, CancellationToken ct)
    {
        var (user, state) = await CurrentAsync(http, users);
        if (user is null || state is null)
        {
            return Problems.From(Error.NotFound());
        }

        if (user.TwoFactorEnabled && !state.Session.MfaSatisfied)
        {
            return Problems.From(AlreadyEnrolled);
        }

        var code = request.Code.Replace(" ", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            return Problems.From(SignInErrors.InvalidMfaCode);
        }

        var replacing = user.TwoFactorEnabled;
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        audit.Record(AuditActions.MfaEnrolled, AuditOutcome.Success, "UserAccount", user.Id.ToString(), actorId: user.Id);
        if (replacing)
        {
            // A new second factor is a credential change: sessions signed in with the old one end (this one stays).
            await sessions.EndOthersAsync(user.Id, state.Session.Id, "mfa-replaced");
        }

        if (!state.Session.MfaSatisfied)
        {
            await signIn.CompleteMfaAsync(user, state.Session, ct);
            await verification.RecordSignedInAsync(user, "password+totp-enrolment");
        }

        return TypedResults.Ok(new RecoveryCodesIssued(codes));
    }

    private static string FormatKey(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4))))).ToLowerInvariant();
}
