using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Time;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Infrastructure;

namespace Telemed.Modules.Identity.Mfa;

/// <summary>
/// Replaces Identity's authenticator provider under its own name, so every path that checks a code through
/// <see cref="UserManager{TUser}.VerifyTwoFactorTokenAsync"/> (sign-in MFA, bearer tokens, enrolment and any
/// later re-authentication) refuses a code whose time step this user has already used.
/// </summary>
/// <remarks>
/// The step is claimed by one conditional UPDATE (<c>TotpLastStep</c> must still be lower), so two requests
/// carrying the same code at the same moment cannot both succeed, on any number of hosts. Codes are checked
/// against the <see cref="DeviceClock"/> (the wall clock), not the business clock: the user's phone runs on real time.
/// </remarks>
internal sealed class ReplayProofAuthenticatorTokenProvider(IdentityDbContext db, DeviceClock deviceClock) : IUserTwoFactorTokenProvider<UserAccount>
{
    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<UserAccount> manager, UserAccount user) =>
        Task.FromResult(!string.IsNullOrWhiteSpace(user.AuthenticatorKey));

    /// <summary>The code comes from the user's authenticator app; the server never generates one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<UserAccount> manager, UserAccount user) => Task.FromResult(string.Empty);

    /// <summary>True when the code is right for a step not used before, and that step is now recorded as used.</summary>
    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<UserAccount> manager, UserAccount user)
    {
        var key = TotpCodes.DecodeKey(user.AuthenticatorKey);
        var step = key is null ? null : TotpCodes.AcceptedStep(key, token, deviceClock.UtcNow, user.TotpLastStep);
        if (step is not { } accepted)
        {
            return false;
        }

        // Not through the tracked entity: a later save of a stale copy must never move the mark backwards.
        var claimed = await db.Users.Where(u => u.Id == user.Id && (u.TotpLastStep == null || u.TotpLastStep < accepted))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpLastStep, accepted));
        return claimed == 1;
    }
}
