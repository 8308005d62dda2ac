using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Identity.Infrastructure;

namespace Telemed.Modules.Identity.Accounts;

/// <summary>
/// The patient's profile language is the one language of every e-mail to them: account e-mails (confirmation, password
/// reset) use the account's language, which follows the profile here. Idempotent; an unknown user or language is ignored.
/// </summary>
internal sealed class FollowThePatientsLanguage(IdentityDbContext db) : IIntegrationEventHandler<PatientLanguageChanged>
{
    public async Task HandleAsync(PatientLanguageChanged e, CancellationToken ct)
    {
        if (!IsSupported(e.PreferredLanguage))
        {
            return;
        }

        await db.Users.Where(u => u.Id == e.UserId && u.PreferredLanguage != e.PreferredLanguage)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredLanguage, e.PreferredLanguage), ct);
    }

    /// <summary>The languages account e-mails are written in.</summary>
    public static bool IsSupported(string language) => language is "en" or "ru";
}
