using Hl7.Fhir.Model;
using Telemed.Modules.Fhir.Access;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;
using Telemed.Modules.Records.Contracts;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>
/// The documents patients uploaded (Records) as DocumentReferences: status current, type (a LOINC document code where one fits, see
/// <see cref="TypeOf"/>), date (uploaded), the date printed on it as context.period, description, and content.attachment with content
/// type, size, file name as title and <c>url</c> the REST download for the viewer (the patient's or guardian's
/// <c>/api/v1/me/record/documents/{id}/content?patientId={patientId}</c>, naming the record so that a guardian's link opens the child's document,
/// a doctor's <c>/api/v1/patients/{patientId}/record/documents/{id}/content</c>). No hash: the file store does not keep one and computing
/// it would decrypt every file. Only documents that passed the virus scan; a doctor sees only those shared with the care team or with
/// them by name (the REST sharing rule), never private ones; the patient (or guardian) of the record sees all of its clean documents,
/// decided per record (<see cref="CurrentFhirViewer.IsPatientOfRecordAsync"/>). Id: the document id.
/// </summary>
internal sealed class DocumentReferenceProvider(IRecordsModule records, CurrentFhirViewer viewer) : IFhirResourceProvider
{
    public string ResourceType => "DocumentReference";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The patient (Patient/{id}).", r => FhirRefs.References(((DocumentReference)r).Subject))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-patient" },
        new("date", SearchParamType.Date, "When the document was uploaded.", r => ((DocumentReference)r).Date is { } d ? [new FhirPeriod(d, d)] : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/DocumentReference-date" },
        new("type", SearchParamType.Token, "The LOINC document code (11502-2 lab report, 18748-4 imaging, 18842-5 discharge summary, 57133-1 referral).",
            r => FhirValues.Codes(((DocumentReference)r).Type)) { Definition = "http://hl7.org/fhir/SearchParameter/clinical-type" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct)
    {
        if (FhirRefs.Guid(id) is not { } documentId || await records.AvailableDocumentAsync(documentId, ct) is not { } document)
        {
            return null;
        }

        var current = await viewer.GetAsync();
        var asPatient = await viewer.IsPatientOfRecordAsync(document.PatientId, ct);
        if (!asPatient && (current is null || !(await records.DocumentsSharedWithDoctorAsync(document.PatientId, current.UserId, ct)).Any(d => d.Id == documentId)))
        {
            return null;
        }

        return new FhirFound(Map(document, asPatient), document.PatientId);
    }

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct)
    {
        var current = await viewer.GetAsync();
        var found = new List<Resource>();
        foreach (var patientId in patientIds ?? [])
        {
            var asPatient = await viewer.IsPatientOfRecordAsync(patientId, ct);
            var documents = asPatient ? await records.AvailableDocumentsOfAsync(patientId, ct)
                : current is not null ? await records.DocumentsSharedWithDoctorAsync(patientId, current.UserId, ct) : [];
            found.AddRange(documents.Select(d => (Resource)Map(d, asPatient)));
        }

        return found.Take(FhirSearch.CandidateLimit + 1).ToList();
    }

    /// <summary>The LOINC document code of a document type, null for <c>other</c> (then only text).</summary>
    public static Coding? TypeOf(string type) => type switch
    {
        DocumentTypes.LabResult => new Coding("http://loinc.org", "11502-2", "Laboratory report"),
        DocumentTypes.Imaging => new Coding("http://loinc.org", "18748-4", "Diagnostic imaging study"),
        DocumentTypes.DischargeSummary => new Coding("http://loinc.org", "18842-5", "Discharge summary"),
        DocumentTypes.Referral => new Coding("http://loinc.org", "57133-1", "Referral note"),
        _ => null,
    };

    /// <summary>
    /// The document; <paramref name="asPatient"/> picks the download URL (the patient's or guardian's, naming the record: the REST
    /// download opens only the record it is asked for; else the doctor's).
    /// </summary>
    private DocumentReference Map(PatientDocumentSummary d, bool asPatient)
    {
        var path = asPatient
            ? $"/api/v1/me/record/documents/{d.Id:D}/content?patientId={d.PatientId:D}"
            : $"/api/v1/patients/{d.PatientId:D}/record/documents/{d.Id:D}/content";
        var coding = TypeOf(d.Type);
        var day = d.DocumentDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new DocumentReference
        {
            Id = FhirRefs.Id(d.Id),
            Meta = new Meta { LastUpdated = FhirValues.Utc(d.UploadedAt) },
            Status = DocumentReferenceStatus.Current,
            Type = coding is null ? new CodeableConcept { Text = "Other" } : new CodeableConcept { Coding = [coding], Text = coding.Display },
            Subject = FhirRefs.To("Patient", d.PatientId),
            DateElement = new Instant(FhirValues.Utc(d.UploadedAt)),
            Description = string.IsNullOrWhiteSpace(d.Description) ? null : d.Description,
            Content =
            [
                new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment
                    {
                        ContentType = d.ContentType,
                        // R4 writes size as unsignedInt (Size is the R5 integer64 and would serialize as a string).
                        SizeUnsignedInt = (int)Math.Min(d.Size, int.MaxValue),
                        Title = d.FileName,
                        Url = viewer.SiteRoot + path,
                        CreationElement = new FhirDateTime(day),
                    },
                },
            ],
            Context = new DocumentReference.ContextComponent { Period = new Period(new FhirDateTime(day), new FhirDateTime(day)) },
        };
    }
}
