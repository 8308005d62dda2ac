using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Clinical.Prescriptions.Checks;
using Telemed.Modules.Clinical.Protocols;
using Telemed.Modules.Clinical.Signing;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.Prescriptions.SignPrescription;

/// <summary>The version of the draft the doctor read and is signing.</summary>
public sealed record SignPrescriptionRequest(int Version);

internal sealed class SignPrescriptionRequestValidator : AbstractValidator<SignPrescriptionRequest>
{
    public SignPrescriptionRequestValidator() => RuleFor(r => r.Version).GreaterThanOrEqualTo(0);
}

/// <summary>
/// POST /consultations/{id}/prescriptions/{prescriptionId}/sign: the checks run again; with no hard stop and every warning
/// overridden, the prescription gets its verification code and validity (60 days, <see cref="PrescriptionValidity"/>), is
/// signed like the protocol (detached CMS over <see cref="PrescriptionCanonicalForm"/>) and becomes active;
/// <c>PrescriptionSigned</c> is raised. Errors: 404 <c>clinical.not_found</c>; 409 <c>clinical.consultation_not_started</c> (the
/// consultation failed or was cancelled), <c>clinical.prescription_changed</c>,
/// <c>clinical.prescription_not_draft</c>; 422 <c>clinical.prescription_has_open_findings</c> (each open finding under
/// <c>errors</c> by code), <c>clinical.signer_not_active</c> (the doctor profile is suspended or not yet active),
/// <c>clinical.licence_expired</c>.
/// </summary>
internal static class SignPrescription
{
    public static async Task<Results<Ok<PrescriptionView>, ProblemHttpResult>> EndpointAsync(Guid id, Guid prescriptionId, SignPrescriptionRequest request,
        PrescriptionSubjects subjects, ClinicalDbContext db, IDocumentSignatureProvider signatures, IDirectoryModule directory, TimeProvider clock,
        CancellationToken ct)
    {
        var found = await subjects.FindForItsDoctorAsync(id, ct);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error!);
        }

        // A draft written while the visit ran is not signed (nor its warnings overridden) once the consultation failed.
        if (ProtocolRules.TheConsultationHasStarted(found.Value.Consultation.Status) is { } notStarted)
        {
            return Problems.From(notStarted);
        }

        var prescription = await subjects.PrescriptionAsync(id, prescriptionId, ct);
        if (!prescription.IsSuccess)
        {
            return Problems.From(prescription.Error!);
        }

        var p = prescription.Value;
        if (!p.IsDraft)
        {
            return Problems.From(PrescriptionErrors.NotDraft);
        }

        if (p.Version != request.Version)
        {
            return Problems.From(PrescriptionErrors.Changed);
        }

        var patient = await subjects.PatientAsync(p.PatientId, ct);
        if (patient is null)
        {
            return Problems.From(PrescriptionErrors.UnknownPatient);
        }

        var findings = await subjects.FindingsAsync(found.Value, patient, p.Content, p.Id, ct);
        var open = PrescriptionChecks.Open(findings, p.Overrides);
        if (open.Count > 0)
        {
            return Problems.From(PrescriptionErrors.OpenFindings(open));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var prescriber = await directory.GetDoctorByUserAsync(p.PrescriberUserId, ct);
        if (await PrescriberLicence.CheckAsync(directory, p.ClinicId, prescriber, now, ct) is { } refused)
        {
            return Problems.From(refused);
        }

        var doctorName = prescriber?.DisplayName ?? "Doctor";
        var (code, validUntil) = (VerificationCodes.New(), now.Add(PrescriptionValidity.Default));
        // Signed before the prescription changes: the provider saves a doctor's first credential, and that save must not carry a
        // half-prepared prescription (a second write, outside the version guard below).
        var signature = await signatures.SignAsync(p.PrescriberUserId, doctorName, PrescriptionCanonicalForm.Of(p, code, validUntil), ct);
        p.PrepareForSigning(code, validUntil);
        var signed = p.Sign(request.Version, doctorName, signature);
        if (!signed.IsSuccess)
        {
            return Problems.From(signed.Error!);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            return Problems.From(PrescriptionErrors.Changed);
        }

        return TypedResults.Ok(PrescriptionViewMapper.Map(p, findings, now));
    }
}
