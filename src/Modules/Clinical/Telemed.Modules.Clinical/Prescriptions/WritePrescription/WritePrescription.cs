using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Formulary;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Clinical.Protocols;
using Telemed.Modules.Clinical.Signing;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.Prescriptions.WritePrescription;

/// <summary>
/// POST /consultations/{id}/prescriptions (new draft, 201) and PUT /consultations/{id}/prescriptions/{prescriptionId}
/// (replace a draft's content; overrides given for the old content are dropped): the consultation's doctor builds the
/// prescription step by step (<see cref="PrescriptionBuilder"/>); the answer carries every check's findings. Errors: 404
/// <c>clinical.not_found</c>; 409 <c>clinical.consultation_not_started</c>, <c>clinical.prescription_changed</c>,
/// <c>clinical.prescription_not_draft</c>; 422 the builder's (<c>clinical.unknown_medicine</c>,
/// <c>clinical.route_not_for_medicine</c>, <c>clinical.bad_dosage</c>, <c>clinical.prescriber_not_active</c>).
/// </summary>
internal static class WritePrescription
{
    /// <summary>The operation's name in <c>create_request_keys</c>.</summary>
    public const string CreateOperation = "clinical.write_prescription";

    /// <summary>
    /// Writes a draft. With an <c>Idempotency-Key</c> header one draft per key: the same request sent again (a lost answer, a retry
    /// after an error, or twice at once) is answered 201 with the draft it wrote, as it is now; the same key with another body is 422
    /// <c>idempotency.key_reused</c>, a key over 100 characters 400 <c>idempotency.key_invalid</c> (docs/api-v1.md, "Retrying a create").
    /// </summary>
    public static async Task<Results<Created<PrescriptionView>, ProblemHttpResult>> CreateAsync(Guid id, PrescriptionRequest request, HttpRequest http,
        PrescriptionSubjects subjects, FormularyCatalogue formulary, IDirectoryModule directory, ClinicalDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var found = await subjects.FindForItsDoctorAsync(id, ct);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error!);
        }

        var subject = found.Value;
        var built = await BuildAsync(subject, request, subjects, formulary, directory, clock, ct);
        if (!built.IsSuccess)
        {
            return Problems.From(built.Error!);
        }

        var (patient, content) = built.Value;
        var c = subject.Consultation;
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = CreateRequestKeys.Claim(http, c.DoctorUserId!.Value, CreateOperation, new { id, request }, now);
        if (!claim.IsSuccess)
        {
            return Problems.From(claim.Error!);
        }

        if (claim.Value is { } key && await db.EarlierAsync(key, ct) is { } earlier)
        {
            return await AnswerOfAsync(earlier, subject, patient, subjects, now, ct);
        }

        var prescription = Prescription.Draft(c.ConsultationId, c.PatientId, c.PatientUserId, c.DoctorUserId!.Value,
            c.ClinicId ?? (await directory.GetDoctorByUserAsync(c.DoctorUserId.Value, ct))?.ClinicIds.FirstOrDefault(), content, now);
        db.Prescriptions.Add(prescription);
        if (await db.SaveCreatedAsync(claim.Value, prescription.Id, ct) is { } raced)
        {
            return await AnswerOfAsync(raced, subject, patient, subjects, now, ct);
        }

        var findings = await subjects.FindingsAsync(subject, patient, content, prescription.Id, ct);
        return TypedResults.Created($"/api/v1/consultations/{id}/prescriptions/{prescription.Id}", PrescriptionViewMapper.Map(prescription, findings, now));
    }

    /// <summary>The answer to an earlier request with the same key: 201 with the draft it wrote, as it is now, or its key's error (422).</summary>
    private static async Task<Results<Created<PrescriptionView>, ProblemHttpResult>> AnswerOfAsync(Result<Guid> earlier, ProtocolSubject subject,
        PatientForPrescribing patient, PrescriptionSubjects subjects, DateTime now, CancellationToken ct)
    {
        if (!earlier.IsSuccess)
        {
            return Problems.From(earlier.Error!);
        }

        var consultationId = subject.Consultation.ConsultationId;
        var prescription = await subjects.PrescriptionAsync(consultationId, earlier.Value, ct);
        if (!prescription.IsSuccess)
        {
            return Problems.From(prescription.Error!);
        }

        var findings = await subjects.FindingsAsync(subject, patient, prescription.Value.Content, prescription.Value.Id, ct);
        return TypedResults.Created($"/api/v1/consultations/{consultationId}/prescriptions/{prescription.Value.Id}",
            PrescriptionViewMapper.Map(prescription.Value, findings, now));
    }

    public static async Task<Results<Ok<PrescriptionView>, ProblemHttpResult>> UpdateAsync(Guid id, Guid prescriptionId, PrescriptionRequest request,
        PrescriptionSubjects subjects, FormularyCatalogue formulary, IDirectoryModule directory, ClinicalDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var found = await subjects.FindForItsDoctorAsync(id, ct);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error!);
        }

        var prescription = await subjects.PrescriptionAsync(id, prescriptionId, ct);
        if (!prescription.IsSuccess)
        {
            return Problems.From(prescription.Error!);
        }

        var built = await BuildAsync(found.Value, request, subjects, formulary, directory, clock, ct);
        if (!built.IsSuccess)
        {
            return Problems.From(built.Error!);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var written = prescription.Value.Write(built.Value.Content, request.Version, now);
        if (!written.IsSuccess)
        {
            return Problems.From(written.Error!);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.From(PrescriptionErrors.Changed);
        }

        var findings = await subjects.FindingsAsync(found.Value, built.Value.Patient, built.Value.Content, prescriptionId, ct);
        return TypedResults.Ok(PrescriptionViewMapper.Map(prescription.Value, findings, now));
    }

    private static async Task<Result<(PatientForPrescribing Patient, PrescriptionContent Content)>> BuildAsync(ProtocolSubject subject,
        PrescriptionRequest request, PrescriptionSubjects subjects, FormularyCatalogue formulary, IDirectoryModule directory, TimeProvider clock, CancellationToken ct)
    {
        if (ProtocolRules.TheConsultationHasStarted(subject.Consultation.Status) is { } notStarted)
        {
            return notStarted;
        }

        var prescriber = await directory.GetDoctorByUserAsync(subject.Consultation.DoctorUserId!.Value, ct);
        var today = await PrescriberLicence.TodayAsync(directory, subject.Consultation.ClinicId, prescriber, clock.GetUtcNow().UtcDateTime, ct);
        var builder = new PrescriptionBuilder()
            .ForPatient(await subjects.PatientAsync(subject.Consultation.PatientId, ct))
            .By(prescriber, today)
            .Medicine(await formulary.FindAsync(request.MedicineCode, ct))
            .Dose(request.Dose)
            .Route(request.Route)
            .Frequency(request.TimesPerDay)
            .Duration(request.DurationDays)
            .Quantity(request.Quantity)
            .Refills(request.Refills)
            .Instructions(request.Instructions);
        var content = builder.Build();
        return content.IsSuccess ? (builder.Patient!, content.Value) : content.Error!;
    }
}
