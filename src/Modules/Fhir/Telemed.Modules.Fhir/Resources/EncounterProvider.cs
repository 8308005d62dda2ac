using Hl7.Fhir.Model;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>
/// A consultation as an Encounter (Consultations): class VR (virtual), status by <see cref="FhirStatusMaps.EncounterStatusOf"/>,
/// period from the actual start and end (UTC; none before it starts), the patient, the doctor, the appointment it came from.
/// No reason or complaint text (the complaint is in the patient's own words; it stays in the portal). Id: the consultation id.
/// </summary>
internal sealed class EncounterProvider(IConsultationRecords consultations) : IFhirResourceProvider
{
    public string ResourceType => "Encounter";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The patient (Patient/{id}).", r => FhirRefs.References(((Encounter)r).Subject))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-patient" },
        new("practitioner", SearchParamType.Reference, "The doctor (Practitioner/{id}).",
            r => FhirRefs.References([.. ((Encounter)r).Participant.Select(p => p.Individual)])) { Definition = "http://hl7.org/fhir/SearchParameter/Encounter-practitioner" },
        new("date", SearchParamType.Date, "When the consultation took place (actual start to end; an open one runs to now).",
            r => ((Encounter)r).Period is { Start: { } s } p ? [Span(s, p.End)] : []) { Definition = "http://hl7.org/fhir/SearchParameter/clinical-date" },
        new("status", SearchParamType.Token, "planned, arrived, in-progress, finished or cancelled.", r => ((Encounter)r).Status is { } s
            ? [new FhirToken("http://hl7.org/fhir/encounter-status", Hl7.Fhir.Utility.EnumUtility.GetLiteral(s)!)] : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/Encounter-status" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct) =>
        FhirRefs.Guid(id) is { } consultationId && await consultations.FindConsultationAsync(consultationId, ct) is { } c ? new FhirFound(Map(c), c.PatientId) : null;

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct) =>
        patientIds is { Count: > 0 } ? (await consultations.ConsultationsOfAsync(patientIds, ct)).Take(FhirSearch.CandidateLimit + 1).Select(Map).ToList() : [];

    private static FhirPeriod Span(string start, string? end)
    {
        var from = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        return new FhirPeriod(from, end is null ? DateTimeOffset.MaxValue : DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture));
    }

    public static Encounter Map(ConsultationEncounterRecord c) => new()
    {
        Id = FhirRefs.Id(c.ConsultationId),
        Meta = FhirMeta.Updated(c.UpdatedAt),
        Status = FhirStatusMaps.EncounterStatusOf(c.Status),
        Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "VR", "virtual"),
        Type = [new CodeableConcept { Text = c.Kind == ConsultationKind.Video ? "Video consultation" : "Chat consultation" }],
        Subject = FhirRefs.To("Patient", c.PatientId),
        Participant = c.DoctorId is { } doctorId
            ? [new Encounter.ParticipantComponent
            {
                Type = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PPRF", "primary performer")],
                Individual = FhirRefs.To("Practitioner", doctorId),
            }]
            : [],
        Appointment = c.AppointmentId is { } appointmentId ? [FhirRefs.To("Appointment", appointmentId)] : [],
        Period = c.StartedAt is { } started ? new Period
        {
            Start = FhirRefs.Instant(started),
            End = c.EndedAt is { } ended ? FhirRefs.Instant(ended) : null,
        } : null,
    };
}
