using Telemed.BuildingBlocks.Http;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Formulary;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Clinical.Prescriptions.Checks;
using Telemed.Modules.Clinical.Protocols;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.Prescriptions;

/// <summary>
/// Loads what prescribing in a consultation needs, for the consultation's own doctor only (everyone else, and an unknown
/// id, gets 404 <c>clinical.not_found</c>, refusals audited — see <see cref="ProtocolSubjects"/>), and the facts the checks
/// read: the patient's age and allergies and their other prescriptions.
/// </summary>
internal sealed class PrescriptionSubjects(ProtocolSubjects subjects, ClinicalDbContext db, IDirectoryModule directory, FormularyCatalogue formulary,
    TimeProvider clock)
{
    /// <summary>404 <c>clinical.not_found</c> for a prescription (the code the protocol's 404 has, with words about a prescription).</summary>
    public static readonly Error NotFound = new("clinical.not_found", "No such prescription.", ErrorKind.NotFound);

    public Task<Result<ProtocolSubject>> FindForItsDoctorAsync(Guid consultationId, CancellationToken ct) => subjects.FindForItsDoctorAsync(consultationId, ct);

    /// <summary>The consultation's prescription with this id (tracked), or 404 <c>clinical.not_found</c>.</summary>
    public async Task<Result<Prescription>> PrescriptionAsync(Guid consultationId, Guid prescriptionId, CancellationToken ct) =>
        await db.Prescriptions.FirstOrDefaultAsync(p => p.Id == prescriptionId && p.ConsultationId == consultationId, ct) is { } p ? p : NotFound;

    public Task<PatientForPrescribing?> PatientAsync(Guid patientId, CancellationToken ct) => directory.GetPatientForPrescribingAsync(patientId, ct);

    /// <summary>Runs every check on <paramref name="content"/> for the subject's patient (excluding <paramref name="prescriptionId"/> itself).</summary>
    public async Task<IReadOnlyList<PrescriptionFinding>> FindingsAsync(ProtocolSubject subject, PatientForPrescribing patient, PrescriptionContent content,
        Guid? prescriptionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var others = await db.Prescriptions.AsNoTracking()
            .Where(p => p.PatientId == subject.Consultation.PatientId && p.Status != PrescriptionStatuses.Draft && p.Status != PrescriptionStatuses.Cancelled)
            .ToListAsync(ct);
        others = [.. others.Where(p => p.Id != prescriptionId)];
        var activeMedicines = others.Where(p => p.StatusAt(now) == PrescriptionStatuses.Active).Select(p => p.Content.Medication).ToList();
        var active = activeMedicines.Select(m => m.ActiveIngredient).ToList();
        var previous = others.Select(p => p.Content.Medication.ActiveIngredient).ToList();
        var russianNames = activeMedicines.Where(m => m.ActiveIngredientRu.Length > 0)
            .GroupBy(m => m.ActiveIngredient.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First().ActiveIngredientRu);
        var context = new PrescriptionCheckContext(content, AgeOn(patient.DateOfBirth, DateOnly.FromDateTime(now)), patient.Allergies, active, previous,
            subject.Policy, subject.Facts, ReaderLanguage.Current, russianNames);
        return PrescriptionChecks.Run(context, await formulary.FindAsync(content.Medication.Code, ct));
    }

    /// <summary>Age in whole years on <paramref name="day"/>.</summary>
    public static int AgeOn(DateOnly born, DateOnly day) => day.Year - born.Year - (day < born.AddYears(day.Year - born.Year) ? 1 : 0);
}
