using Telemed.BuildingBlocks.Http;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Clinical.Signing;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.Prescriptions.Dispensing;

/// <summary>
/// The pharmacy's view of signed prescriptions (see <see cref="IPrescriptionsForDispensing"/>): verifies the stored
/// document against its signature at every call. A stored value that no longer decrypts (its ciphertext was edited) gives
/// a record with empty medicine fields and <c>SignatureValid</c> false rather than an error. Loading the prescription
/// records the PHI read in the caller's audit scope. The texts are worded for the request's reader (<c>Accept-Language</c>,
/// <see cref="MedicineWording"/>, <see cref="DosageWording"/>); the quantity's unit stays the formulary's, for
/// <see cref="DispenseUnitWords"/> to word with a count.
/// </summary>
internal sealed class PrescriptionsForDispensing(ClinicalDbContext db, IDocumentSignatureProvider signatures, IDirectoryModule directory,
    TimeProvider clock) : IPrescriptionsForDispensing
{
    public async Task<PrescriptionForDispensing?> FindAsync(Guid prescriptionId, CancellationToken cancellationToken = default)
    {
        var id = await db.Prescriptions.AsNoTracking().Where(p => p.Id == prescriptionId && p.Status != PrescriptionStatuses.Draft)
            .Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : await ViewAsync(id.Value, cancellationToken);
    }

    public async Task<PrescriptionForDispensing?> FindByVerificationCodeAsync(string verificationCode, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(verificationCode) || verificationCode.Length > 64)
        {
            return null;
        }

        var code = VerificationCodes.Normalise(verificationCode);
        var id = await db.Prescriptions.AsNoTracking().Where(p => p.VerificationCode == code && p.Status != PrescriptionStatuses.Draft)
            .Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : await ViewAsync(id.Value, cancellationToken);
    }

    private async Task<PrescriptionForDispensing> ViewAsync(Guid id, CancellationToken ct)
    {
        var head = await db.Prescriptions.AsNoTracking().Where(p => p.Id == id).Select(p => new
        {
            p.Id, p.PatientId, p.PrescriberUserId, p.ClinicId, p.Status, p.VerificationCode, p.ValidUntil, p.SignedAt, p.SignedBy, p.Signature,
        }).FirstAsync(ct);

        PrescriptionContent? content = null;
        var check = new SignatureCheck(false, false, null, null, null, "untrusted", "A stored value can no longer be decrypted.");
        var status = head.Status;
        try
        {
            var prescription = await db.Prescriptions.AsNoTracking().FirstAsync(p => p.Id == id, ct);
            content = prescription.Content;
            status = prescription.StatusAt(clock.GetUtcNow().UtcDateTime);
            if (head.Signature is { } signature)
            {
                check = await signatures.VerifyAsync(PrescriptionCanonicalForm.Of(prescription), Convert.FromBase64String(signature), ct);
            }
        }
        catch (Exception e) when (Tampered(e))
        {
            // Reported through SignatureValid = false.
        }

        // Initials and birth year are all a pharmacy sees: the patient's profile is read, not their allergies or conditions.
        var patient = await directory.GetPatientIdentityAsync(head.PatientId, ct);
        // The reader's words (Accept-Language): the clinic's name, the medicine, its form, strength and route, the Signa.
        var language = ReaderLanguage.Current;
        var clinicName = head.ClinicId is { } clinicId ? (await directory.GetClinicsAsync(ct)).FirstOrDefault(c => c.ClinicId == clinicId)?.NameIn(language) ?? "" : "";
        var m = content?.Medication;
        return new PrescriptionForDispensing(head.Id, head.VerificationCode ?? "", head.ClinicId ?? Guid.Empty, clinicName, head.PatientId,
            Initials(patient), patient?.DateOfBirth.Year ?? 0, head.PrescriberUserId, head.SignedBy ?? "", m is null ? "" : MedicineWording.Name(m, language),
            m is null ? "" : MedicineWording.Ingredient(m, language), m is null ? "" : MedicineWording.Form(m.Form, language),
            m is null ? "" : MedicineWording.Strength(m.Strength, language), content is null ? "" : DosageWording.Route(content.DosageInstruction.Route, language),
            content?.DosageText(language) ?? "", content?.DispenseRequest.Quantity ?? 0, m?.DispenseUnit ?? "", content?.DispenseRequest.NumberOfRepeatsAllowed ?? 0,
            head.SignedAt ?? default, head.ValidUntil ?? default, status, check.Valid, check.CertificateSerial);
    }

    /// <summary>"I. K." from Ivan Kuznetsov: the most of the name a pharmacy sees.</summary>
    internal static string Initials(PatientIdentity? patient) =>
        patient is null ? "" : string.Join(' ', new[] { patient.GivenName, patient.FamilyName }.Where(n => n.Length > 0).Select(n => $"{char.ToUpperInvariant(n[0])}."));

    /// <summary>Whether <paramref name="e"/> says a stored encrypted value was changed (it no longer decrypts or parses).</summary>
    internal static bool Tampered(Exception e) => e is CryptographicException or FormatException || e.InnerException is CryptographicException or FormatException;
}
