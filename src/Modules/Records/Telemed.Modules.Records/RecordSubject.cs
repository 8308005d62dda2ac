using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Records;

/// <summary>
/// Whose record a patient-facing endpoint (<c>/me/record/…</c>) reads or writes: the caller's own, or with <c>?patientId=</c> a
/// patient the caller acts for (a dependant whose guardian it is), as the directory decides
/// (<c>IPatientRepresentation.ActingForAsync</c>, which audits a refusal as <c>access.denied</c> on the asked patient). A patient
/// the caller may not act for answers exactly as an unknown one: 404 <see cref="PatientNotFound"/>.
/// </summary>
internal static class RecordSubject
{
    public static readonly Error PatientNotFound = new("records.patient_not_found", "There is no such patient.", ErrorKind.NotFound);
}
