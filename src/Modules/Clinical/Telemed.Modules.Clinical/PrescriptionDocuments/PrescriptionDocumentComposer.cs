using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Clinical.Jurisdictions;
using Telemed.Modules.Clinical.Prescriptions;
using Telemed.Modules.Clinical.Prescriptions.Dispensing;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.PrescriptionDocuments;

/// <summary>
/// Composes a <see cref="PrescriptionDocumentModel"/> for a signed prescription: the clinic's jurisdiction picks the layout
/// (ru-323fz prints form 107-1/у in Russian; every other clinic the generic one in <c>language</c>), the directory gives the
/// patient's full name and the clinic's city and zone, and the verification address is the public page under the
/// configured base URL (<c>App:PublicBaseUrl</c>).
/// </summary>
internal sealed class PrescriptionDocumentComposer(ClinicalDbContext db, IDirectoryModule directory, PublicUrls urls)
{
    /// <summary>The public verification page's address for a verification code (no PHI in it: the code is random).</summary>
    public string VerificationUrl(string verificationCode) => $"{urls.BaseUrl}/verify/rx/{Uri.EscapeDataString(verificationCode)}";

    /// <summary>
    /// The rendered PDF's bytes, in <paramref name="language"/> (<c>en</c> or <c>ru</c>) for the generic layout and in Russian
    /// for form 107-1/у; the medicine, the dosage sentence (the Signa) and the clinic's name are worded in the same language as
    /// the form around them. A prescription that may not be presented (cancelled, expired, its signature no longer matching)
    /// is rendered stamped, without its QR code (<see cref="DocumentStanding"/>). Never throws for a stored value that no
    /// longer decrypts: that prescription is rendered from what the pharmacy view could read, stamped "not valid".
    /// </summary>
    public async Task<byte[]> RenderAsync(PrescriptionForDispensing prescription, string language, CancellationToken ct)
    {
        var jurisdiction = await db.Jurisdictions.AsNoTracking().Where(j => j.ClinicId == prescription.ClinicId).Select(j => j.Code).FirstOrDefaultAsync(ct);
        var clinic = (await directory.GetClinicsAsync(ct)).FirstOrDefault(c => c.ClinicId == prescription.ClinicId);
        var names = await directory.GetPatientNamesAsync([prescription.PatientId], ct);
        var layout = jurisdiction == JurisdictionCodes.Russia ? PrescriptionLayout.Russian1071u : PrescriptionLayout.Generic;
        var documentLanguage = DocumentLanguage.For(jurisdiction, language);
        var stored = await StoredAsync(prescription.PrescriptionId, ct);
        var cancelledAt = await db.Prescriptions.AsNoTracking().Where(p => p.Id == prescription.PrescriptionId).Select(p => p.CancelledAt).FirstOrDefaultAsync(ct);
        var standing = DocumentStanding.Of(prescription.Status, prescription.SignatureValid && stored is not null, prescription.ValidUntil, cancelledAt,
            stored?.CancelReason);
        var medicine = stored?.Content.Medication ?? new PrescribedMedicine("", prescription.MedicineName, prescription.ActiveIngredient, "", "", prescription.Form,
            prescription.Strength, "", prescription.QuantityUnit, "");
        if (stored is not null)
        {
            // The pharmacy view is worded for the request's reader; the document words the stored content in its own language.
            prescription = prescription with { DosageInstructions = stored.Content.DosageText(documentLanguage), Route = stored.Content.DosageInstruction.Route };
        }

        var model = new PrescriptionDocumentModel(
            layout,
            documentLanguage,
            prescription,
            medicine,
            standing,
            names.TryGetValue(prescription.PatientId, out var name) ? name : prescription.PatientInitials,
            clinic?.NameIn(documentLanguage) ?? prescription.ClinicName,
            clinic?.CityIn(documentLanguage) ?? "",
            clinic?.TimeZone ?? "UTC",
            VerificationUrl(prescription.VerificationCode));
        return PrescriptionPdf.Render(model);
    }

    // The stored prescription with its decrypted content and cancel reason; null when a stored value no longer decrypts (its
    // ciphertext was changed), which the pharmacy view already reports as a signature that does not verify.
    private async Task<Prescription?> StoredAsync(Guid id, CancellationToken ct)
    {
        try
        {
            return await db.Prescriptions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        }
        catch (Exception e) when (PrescriptionsForDispensing.Tampered(e))
        {
            return null;
        }
    }
}
