using Telemed.BuildingBlocks.Http;
namespace Telemed.Modules.Clinical.Prescriptions.Refills;

/// <summary>
/// A refill request as the doctor's task queue and the patient's portal show it: the original prescription (its
/// consultation, medicine and dosage), status (<c>requested</c>, <c>approved</c>, <c>declined</c>), the patient's note, the
/// decline reason (the medicine and dosage in the reader's language, <c>Accept-Language</c>), and — once the doctor started approving — the new prescription and its consultation, to sign it. UTC instants.
/// Whose it is: <c>PatientId</c> and <c>PatientName</c>, the patient's display name (a guardian's list holds their dependants' requests too).
/// </summary>
public sealed record RefillRequestView(Guid Id, Guid PrescriptionId, Guid ConsultationId, string PatientName, string MedicineName, string DosageText,
    string Status, string? PatientNote, string? DeclineReason, Guid? NewPrescriptionId, DateTime RequestedAt, DateTime? DecidedAt, Guid PatientId);

/// <summary>What approving returns: the draft to sign through POST /consultations/{consultationId}/prescriptions/{prescriptionId}/sign.</summary>
public sealed record RefillApprovalStarted(Guid RefillRequestId, Guid ConsultationId, Guid PrescriptionId, int Version);

internal static class RefillViewMapper
{
    public static RefillRequestView Map(RefillRequest r, Prescription original, string patientName)
    {
        var content = original.Content;
        return new RefillRequestView(r.Id, r.PrescriptionId, original.ConsultationId, patientName, MedicineWording.Name(content.Medication, ReaderLanguage.Current), content.DosageText(ReaderLanguage.Current), r.Status,
            r.PatientNote, r.DeclineReason, r.NewPrescriptionId, r.RequestedAt, r.DecidedAt, r.PatientId);
    }
}
