using Hl7.Fhir.Model;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>
/// Appointments (scheduling): the patient, the doctor and the clinic as participants, start and end (UTC), the status mapped to
/// FHIR's (booked/confirmed → booked, checkedIn → checked-in, completed → fulfilled, cancelled, noShow → noshow), the kind
/// (in person, video, chat) as the appointment type's text. Id: the appointment id. Each one loaded is an audited PHI read.
/// </summary>
internal sealed class AppointmentProvider(ISchedulingModule scheduling) : IFhirResourceProvider
{
    public string ResourceType => "Appointment";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The patient (Patient/{id}).", r => Participants((Appointment)r, "Patient/"))
            { Definition = "http://hl7.org/fhir/SearchParameter/Appointment-patient" },
        new("practitioner", SearchParamType.Reference, "The doctor (Practitioner/{id}).", r => Participants((Appointment)r, "Practitioner/"))
            { Definition = "http://hl7.org/fhir/SearchParameter/Appointment-practitioner" },
        new("date", SearchParamType.Date, "When the appointment takes place (its start to end).", r => ((Appointment)r) is { Start: { } s, End: { } e }
            ? [new FhirPeriod(s, e)] : []) { Definition = "http://hl7.org/fhir/SearchParameter/Appointment-date" },
        new("status", SearchParamType.Token, "booked, checked-in, fulfilled, cancelled or noshow.", r => ((Appointment)r).Status is { } s
            ? [new FhirToken("http://hl7.org/fhir/appointmentstatus", Hl7.Fhir.Utility.EnumUtility.GetLiteral(s)!)] : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/Appointment-status" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct) =>
        FhirRefs.Guid(id) is { } appointmentId && await scheduling.GetAppointmentAsync(appointmentId, ct) is { } a ? new FhirFound(Map(a), a.PatientId) : null;

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct)
    {
        if (patientIds is not { Count: > 0 })
        {
            return [];
        }

        var (items, _) = await scheduling.ListAppointmentsAsync(new AppointmentQuery(patientIds, null), 0, FhirSearch.CandidateLimit + 1, ct);
        return items.Select(Map).ToList();
    }

    private static IEnumerable<object> Participants(Appointment appointment, string prefix) =>
        appointment.Participant.Select(p => p.Actor?.Reference).Where(r => r is not null && r.StartsWith(prefix, StringComparison.Ordinal)).Cast<object>();

    public static Appointment Map(AppointmentInfo a) => new()
    {
        Id = FhirRefs.Id(a.AppointmentId),
        Meta = a.UpdatedAt is { } updated ? FhirMeta.Updated(updated) : null,
        Status = a.Status switch
        {
            "checkedIn" => Appointment.AppointmentStatus.CheckedIn,
            "completed" => Appointment.AppointmentStatus.Fulfilled,
            "cancelled" => Appointment.AppointmentStatus.Cancelled,
            "noShow" => Appointment.AppointmentStatus.Noshow,
            _ => Appointment.AppointmentStatus.Booked,
        },
        AppointmentType = new CodeableConcept { Text = a.Kind },
        StartElement = new Instant(new DateTimeOffset(DateTime.SpecifyKind(a.Start, DateTimeKind.Utc))),
        EndElement = new Instant(new DateTimeOffset(DateTime.SpecifyKind(a.End, DateTimeKind.Utc))),
        MinutesDuration = (int)(a.End - a.Start).TotalMinutes,
        Participant =
        [
            Participant(FhirRefs.To("Patient", a.PatientId)),
            Participant(FhirRefs.To("Practitioner", a.DoctorId)),
            Participant(FhirRefs.To("Location", a.ClinicId)),
        ],
    };

    private static Appointment.ParticipantComponent Participant(ResourceReference actor) =>
        new() { Actor = actor, Status = ParticipationStatus.Accepted, Required = Appointment.ParticipantRequired.Required };
}
