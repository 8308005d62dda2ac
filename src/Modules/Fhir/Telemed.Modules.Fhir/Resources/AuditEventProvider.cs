using Hl7.Fhir.Model;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Fhir.Access;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>
/// Who of the clinic's staff opened (or tried to open) the patient's record, from the audit trail — the access report's source
/// (<see cref="IPatientAccessLog"/>) and rules: staff accounts only, not the asking user. One AuditEvent per entry: type "Patient
/// Record", action by <see cref="FhirStatusMaps.AuditEventActionOf"/>, recorded (UTC), outcome 0 or 4 (refused), the staff member as
/// agent (Practitioner/{id} with the name for doctors, the name alone for other staff), entity the Patient, purposeOfEvent BTG when
/// it rested on break-glass. Id: the patient id without hyphens, "-" and the trail entry's number.
/// Only the patient (and a guardian, for a dependant) reads these, with a session or a patient-scoped token; doctors and other staff
/// get none (404 / empty): the trail is about them, and the REST access report is the patient's alone. Reading it is audited.
/// </summary>
internal sealed class AuditEventProvider(IPatientAccessLog log, IAuditActorDirectory actors, IDirectoryModule directory, IPatientRepresentation representation,
    CurrentFhirViewer viewers, AuditScope audit) : IFhirResourceProvider
{
    private static readonly string[] Actions =
        [AuditActions.PhiRead, AuditActions.PhiCreate, AuditActions.PhiUpdate, AuditActions.PhiDelete, AuditActions.AccessDenied, AuditActions.BreakGlassGranted];

    private static readonly AuditOutcome[] Outcomes = [AuditOutcome.Success, AuditOutcome.Failure, AuditOutcome.Denied];

    public string ResourceType => "AuditEvent";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The patient whose record was accessed (Patient/{id}).",
            r => FhirRefs.References([.. ((AuditEvent)r).Entity.Select(e => e.What)])) { Definition = "http://hl7.org/fhir/SearchParameter/AuditEvent-patient" },
        new("date", SearchParamType.Date, "When the access happened.", r => ((AuditEvent)r).Recorded is { } at ? [new FhirPeriod(at, at)] : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/AuditEvent-date" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct)
    {
        var parts = id.Split('-');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var patientId)
            || !long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var entryId))
        {
            return null;
        }

        var events = await EventsOfAsync(patientId, ct);
        return events.FirstOrDefault(e => e.Id == id) is { } found ? new FhirFound(found, patientId) : null;
    }

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct)
    {
        var found = new List<Resource>();
        foreach (var patientId in patientIds ?? [])
        {
            found.AddRange(await EventsOfAsync(patientId, ct));
        }

        return found;
    }

    private async Task<IReadOnlyList<AuditEvent>> EventsOfAsync(Guid patientId, CancellationToken ct)
    {
        if (await viewers.GetAsync() is not { } viewer || !await IsThePatientsSideAsync(viewer, patientId, ct))
        {
            return [];
        }

        var staff = await actors.StaffRolesAsync(ct);
        var staffIds = staff.Where(s => s.Key != viewer.UserId && s.Value.Any(r => BuildingBlocks.Access.Roles.Staff.Contains(r))).Select(s => s.Key).ToList();
        var (entries, _) = await log.FindAsync(new PatientAccessQuery(patientId, null, null, staffIds, Actions, Outcomes), 0, FhirSearch.CandidateLimit + 1, ct);
        var cards = await actors.FindAsync(entries.Select(e => e.ActorId).ToHashSet(), ct);
        var agents = new Dictionary<Guid, ResourceReference>();
        foreach (var actorId in cards.Keys.Union(entries.Select(e => e.ActorId)))
        {
            var name = cards.GetValueOrDefault(actorId)?.DisplayName;
            agents[actorId] = await directory.GetDoctorByUserAsync(actorId, ct) is { } doctor
                ? FhirRefs.To("Practitioner", doctor.DoctorId, doctor.DisplayName)
                : new ResourceReference { Display = name ?? "Former staff member" };
        }

        // Reading who read the record is itself on the trail, as for the REST access report (same action code).
        audit.Record("privacy.access_report_viewed", AuditOutcome.Success, "AccessReport", patientId.ToString());
        return entries.Select(e => Map(patientId, e, agents[e.ActorId], cards.GetValueOrDefault(e.ActorId)?.Roles ?? staff.GetValueOrDefault(e.ActorId) ?? [])).ToList();
    }

    /// <summary>The patient themselves or their guardian (not a doctor, even one holding a token scoped to the patient).</summary>
    private async Task<bool> IsThePatientsSideAsync(FhirViewer viewer, Guid patientId, CancellationToken ct) =>
        viewer.IsPatient && await representation.ActsForAsync(viewer.UserId, patientId, ct);

    private static AuditEvent Map(Guid patientId, PatientAccessEntry e, ResourceReference who, IReadOnlyList<string> roles)
    {
        var recorded = new DateTimeOffset(DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc));
        return new AuditEvent
        {
            Id = $"{patientId:N}-{e.Id}",
            Meta = FhirMeta.Updated(e.OccurredAt),
            Type = new Coding("http://dicom.nema.org/resources/ontology/DCM", "110110", "Patient Record"),
            Action = FhirStatusMaps.AuditEventActionOf(e.Action),
            Recorded = recorded,
            Outcome = FhirStatusMaps.AuditEventOutcomeOf(e.Outcome),
            PurposeOfEvent = e.BreakGlass ? [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActReason", "BTG", "break the glass")] : [],
            Agent =
            [
                new AuditEvent.AgentComponent
                {
                    Who = who,
                    Role = roles.Count == 0 ? [] : [new CodeableConcept { Text = string.Join(", ", roles) }],
                    Requestor = true,
                },
            ],
            Source = new AuditEvent.SourceComponent { Observer = new ResourceReference { Display = "Telemed" } },
            Entity =
            [
                new AuditEvent.EntityComponent
                {
                    What = FhirRefs.To("Patient", patientId),
                    Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"),
                    Description = e.RecordType,
                },
            ],
        };
    }
}
