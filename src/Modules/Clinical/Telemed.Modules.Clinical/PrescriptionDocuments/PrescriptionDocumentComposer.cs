using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Infrastructure;
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
    /// for form 107-1/у; the dosage sentence (the Signa) is worded in the same language as the form around it.
    /// </summary>
    public async Task<byte[]> RenderAsync(PrescriptionForDispensing prescription, string language, CancellationToken ct)
    {
        var jurisdiction = await db.Jurisdictions.AsNoTracking().Where(j => j.ClinicId == prescription.ClinicId).Select(j => j.Code).FirstOrDefaultAsync(ct);
        var clinic = (await directory.GetClinicsAsync(ct)).FirstOrDefault(c => c.ClinicId == prescription.ClinicId);
        var names = await directory.GetPatientNamesAsync([prescription.PatientId], ct);
        var layout = jurisdiction == JurisdictionCodes.Russia ? PrescriptionLayout.Russian1071u : PrescriptionLayout.Generic;
        var documentLanguage = layout == PrescriptionLayout.Russian1071u ? "ru" : language;
        var signed = await db.Prescriptions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == prescription.PrescriptionId, ct);
        if (signed is not null)
        {
            prescription = prescription with { DosageInstructions = signed.Content.DosageText(documentLanguage) };
        }

        var model = new PrescriptionDocumentModel(
            layout,
            documentLanguage,
            prescription,
            names.TryGetValue(prescription.PatientId, out var name) ? name : prescription.PatientInitials,
            clinic?.City ?? "",
            clinic?.TimeZone ?? "UTC",
            VerificationUrl(prescription.VerificationCode));
        return PrescriptionPdf.Render(model);
    }
}
