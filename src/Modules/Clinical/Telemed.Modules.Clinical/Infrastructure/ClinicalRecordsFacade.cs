using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Prescriptions;
using Telemed.Modules.Clinical.Protocols;

namespace Telemed.Modules.Clinical.Infrastructure;

/// <summary>Signed protocols and prescriptions as structured records (<see cref="IClinicalRecords"/>); loading them is audited by the DbContext.</summary>
internal sealed class ClinicalRecordsFacade(ClinicalDbContext db, TimeProvider clock) : IClinicalRecords
{
    public async Task<IReadOnlyList<SignedProtocolRecord>> SignedProtocolsOfAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken = default)
    {
        var ids = patientIds.ToList();
        var protocols = await db.Protocols.AsNoTracking().Where(p => ids.Contains(p.PatientId) && p.SignedAt != null).ToListAsync(cancellationToken);
        return protocols.Select(ToRecord).ToList();
    }

    public async Task<SignedProtocolRecord?> FindSignedProtocolAsync(Guid protocolId, CancellationToken cancellationToken = default) =>
        await db.Protocols.AsNoTracking().FirstOrDefaultAsync(p => p.Id == protocolId && p.SignedAt != null, cancellationToken) is { } p ? ToRecord(p) : null;

    public async Task<IReadOnlyList<SignedPrescriptionRecord>> SignedPrescriptionsOfAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken = default)
    {
        var ids = patientIds.ToList();
        var prescriptions = await db.Prescriptions.AsNoTracking().Where(p => ids.Contains(p.PatientId) && p.SignedAt != null).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return prescriptions.Select(p => ToRecord(p, now)).ToList();
    }

    public async Task<SignedPrescriptionRecord?> FindSignedPrescriptionAsync(Guid prescriptionId, CancellationToken cancellationToken = default) =>
        await db.Prescriptions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == prescriptionId && p.SignedAt != null, cancellationToken) is { } p
            ? ToRecord(p, clock.GetUtcNow().UtcDateTime) : null;

    private static SignedProtocolRecord ToRecord(VisitProtocol p) => new(p.Id, p.ConsultationId, p.PatientId, p.DoctorUserId,
        p.Diagnoses.Select(d => new SignedDiagnosis(d.Code, d.Title, d.Role.ToString().ToLowerInvariant(), d.Certainty.ToString().ToLowerInvariant())).ToList(),
        new StoredSignature(p.SignedAt!.Value, p.DoctorUserId, p.SignedBy ?? "", p.Signature ?? ""), p.UpdatedAt);

    /// <remarks>The dosage sentence in English: these records feed FHIR and other modules, not a reader (FHIR carries the structured dosage too).</remarks>
    private static SignedPrescriptionRecord ToRecord(Prescription p, DateTime now)
    {
        var content = p.Content;
        return new SignedPrescriptionRecord(p.Id, p.ConsultationId, p.PatientId, p.PrescriberUserId, p.StatusAt(now), content.Medication.Code, content.Medication.Name,
            content.Medication.AtcCode, content.DosageText("en"), content.DispenseRequest.Quantity, content.Medication.DispenseUnit, content.DispenseRequest.NumberOfRepeatsAllowed,
            p.ValidUntil, p.CancelledAt, new StoredSignature(p.SignedAt!.Value, p.PrescriberUserId, p.SignedBy ?? "", p.Signature ?? ""), p.UpdatedAt);
    }
}
