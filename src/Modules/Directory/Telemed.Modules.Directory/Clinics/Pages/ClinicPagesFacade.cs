using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Clinics.Pages;

internal sealed class ClinicPagesFacade(DirectoryDbContext db, TimeProvider clock) : IClinicPages
{
    public async Task EnsurePageAsync(Guid clinicId, string language, ClinicPageText text, CancellationToken cancellationToken = default)
    {
        if (!ClinicPage.IsKnownLanguage(language))
        {
            throw new ArgumentException("Clinic pages are written in en or ru.", nameof(language));
        }

        if (await db.ClinicPages.AnyAsync(p => p.ClinicId == clinicId && p.Language == language, cancellationToken))
        {
            return;
        }

        db.ClinicPages.Add(new ClinicPage
        {
            ClinicId = clinicId, Language = language, Services = text.Services, VisitTypes = text.VisitTypes, Faq = text.Faq, Contacts = text.Contacts,
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
