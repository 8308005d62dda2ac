using Hl7.Fhir.Model;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Fhir.Access;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>
/// A chat message of the patient's conversations as a Communication (Consultations): status completed, sent (UTC), sender and
/// recipient (the patient and the conversation's doctor), the text as <c>contentString</c>, each attached file as
/// <c>contentAttachment</c> with title and type but no data, and the consultation's Encounter. Id: the message id.
/// As in the REST chat, a doctor sees only the conversations they take part in (another treating doctor's chat with the patient
/// is not theirs to read); the patient and their guardian see all of the patient's.
/// </summary>
internal sealed class CommunicationProvider(IConsultationRecords consultations, CurrentFhirViewer viewers) : IFhirResourceProvider
{
    public string ResourceType => "Communication";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The patient (Patient/{id}).", r => FhirRefs.References(((Communication)r).Subject))
            { Definition = "http://hl7.org/fhir/SearchParameter/Communication-patient" },
        new("encounter", SearchParamType.Reference, "The consultation (Encounter/{id}).", r => FhirRefs.References(((Communication)r).Encounter))
            { Definition = "http://hl7.org/fhir/SearchParameter/Communication-encounter" },
        new("sent", SearchParamType.Date, "When the message was sent.", r => ((Communication)r).Sent is { } s
            ? [new FhirPeriod(DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture))] : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/Communication-sent" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct) =>
        FhirRefs.Guid(id) is { } messageId && await consultations.FindMessageAsync(messageId, ct) is { } m && await MayReadAsync(m, ct)
            ? new FhirFound(Map(m), m.PatientId) : null;

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct)
    {
        var found = new List<Resource>();
        foreach (var m in patientIds is { Count: > 0 } ? await consultations.MessagesOfAsync(patientIds, FhirSearch.CandidateLimit + 1, ct) : [])
        {
            if (await MayReadAsync(m, ct))
            {
                found.Add(Map(m));
            }
        }

        return found;
    }

    private async Task<bool> MayReadAsync(ChatMessageRecord m, CancellationToken ct) =>
        await viewers.GetAsync() is { } viewer
        && (m.DoctorUserId == viewer.UserId || m.PatientUserId == viewer.UserId || await viewers.IsPatientOfRecordAsync(m.PatientId, ct));

    public static Communication Map(ChatMessageRecord m)
    {
        var patient = FhirRefs.To("Patient", m.PatientId);
        var doctor = m.DoctorId is { } doctorId ? FhirRefs.To("Practitioner", doctorId) : null;
        var fromDoctor = m.DoctorUserId == m.SenderUserId;
        return new Communication
        {
            Id = FhirRefs.Id(m.MessageId),
            // A message never changes once sent.
            Meta = FhirMeta.Updated(m.SentAt),
            Status = EventStatus.Completed,
            Subject = patient,
            Encounter = m.ConsultationId is { } consultationId ? FhirRefs.To("Encounter", consultationId) : null,
            Sent = FhirRefs.Instant(m.SentAt),
            Sender = fromDoctor ? doctor : m.SenderUserId == m.PatientUserId ? patient : new ResourceReference { Display = "Guardian of the patient" },
            Recipient = fromDoctor ? [patient] : doctor is null ? [] : [doctor],
            Payload =
            [
                .. m.Body.Length == 0 ? [] : new[] { new Communication.PayloadComponent { Content = new FhirString(m.Body) } },
                .. m.Attachments.Select(a => new Communication.PayloadComponent
                {
                    // No size: the SDK writes Attachment.size as a JSON string (R5's integer64), which R4 readers refuse.
                    Content = new Attachment { Title = a.FileName ?? "attachment", ContentType = a.ContentType },
                }),
            ],
        };
    }
}
