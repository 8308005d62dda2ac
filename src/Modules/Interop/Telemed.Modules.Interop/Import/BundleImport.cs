using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Interop.Contracts;
using Telemed.Modules.Interop.Import.Entries;
using Telemed.Modules.Interop.Import.Matching;

namespace Telemed.Modules.Interop.Import;

/// <summary>
/// Imports one patient's record from a FHIR R4 Bundle (type transaction, batch or collection): the Patient is matched or created first,
/// then every other entry is imported on its own (a transaction is answered entry by entry like a batch: the modules' stores cannot
/// share one transaction). Answers a batch-response (transaction-response for a transaction) with one response per entry in order and
/// the counts in <c>meta.extension</c>; or refuses the whole Bundle with a <see cref="BundleRefusal"/>. The import is audited with counts.
/// </summary>
internal sealed class BundleImport(PatientImporter patients, EntryImporter entries, AuditScope audit)
{
    public const string SummaryExtension = "https://telemed.dev/fhir/StructureDefinition/import-summary";

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    public async Task<(Bundle? Answer, BundleRefusal? Refusal)> ImportAsync(string json, string? sourceParameter, CancellationToken ct)
    {
        // The Firely SDK reads the Bundle, not the host's JSON options: the text rule is applied here to every string in it (names,
        // notes, allergy and problem texts are stored and shown). Refused as a whole, naming the first place (docs/security.md).
        if (Telemed.BuildingBlocks.Text.UserTextJson.FindInDocument(json) is { } refused)
        {
            return (null, Refuse(400, OperationOutcome.IssueType.Invalid, Telemed.BuildingBlocks.Text.UserText.ErrorCode,
                Telemed.BuildingBlocks.Text.UserText.Describe(refused.Problem, refused.Path, russian: false)));
        }

        if (Parse(json) is not { } bundle)
        {
            return (null, Refuse(400, OperationOutcome.IssueType.Structure, "import.invalid_fhir", "The body is not a valid FHIR R4 JSON Bundle."));
        }

        if (bundle.Type is not (Bundle.BundleType.Transaction or Bundle.BundleType.Batch or Bundle.BundleType.Collection))
        {
            return (null, Refuse(422, OperationOutcome.IssueType.NotSupported, "import.unsupported_bundle_type", "The Bundle's type must be transaction, batch or collection."));
        }

        var source = (sourceParameter ?? bundle.Meta?.Source)?.Trim();
        if (string.IsNullOrEmpty(source) || source.Length > Ledger.ImportLedgerEntry.MaxSourceSystemLength || !Uri.IsWellFormedUriString(source, UriKind.Absolute))
        {
            return (null, Refuse(422, OperationOutcome.IssueType.Required, "import.source_required",
                "Name the source system as an absolute URI of at most 200 characters: Bundle.meta.source or the source query parameter."));
        }

        var patientEntries = bundle.Entry.Where(e => e.Resource is Patient).ToList();
        if (patientEntries.Count != 1)
        {
            return (null, Refuse(422, OperationOutcome.IssueType.Invalid, patientEntries.Count == 0 ? "import.no_patient" : "import.several_patients",
                "A Bundle carries the record of exactly one patient: one Patient entry."));
        }

        var patientEntry = patientEntries[0];
        var patient = (Patient)patientEntry.Resource!;
        var (patientId, created, refusal) = await patients.ImportAsync(patient, source, ct);
        if (refusal is not null)
        {
            return (null, Refuse(refusal.Status, refusal.Type, refusal.Code, refusal.Reason));
        }

        var references = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(patientEntry.FullUrl))
        {
            references.Add(patientEntry.FullUrl.Trim());
        }

        if (!string.IsNullOrWhiteSpace(patient.Id))
        {
            references.Add($"Patient/{patient.Id.Trim()}");
        }

        var context = new ImportContext(source, patientId, references);
        var results = new List<EntryResult>();
        foreach (var entry in bundle.Entry)
        {
            results.Add(entry == patientEntry
                ? new EntryResult(created ? EntryOutcomeKind.Created : EntryOutcomeKind.Unchanged, $"Patient/{patientId}")
                : entry.Resource is null
                    ? EntryResult.Rejected("import.no_resource", "The entry carries no resource.")
                    : await entries.ImportAsync(entry.Resource, context, ct));
        }

        var summary = new ImportSummary(results.Count(r => r.Kind == EntryOutcomeKind.Created), results.Count(r => r.Kind == EntryOutcomeKind.Updated),
            results.Count(r => r.Kind == EntryOutcomeKind.Unchanged), results.Count(r => r.Kind == EntryOutcomeKind.Rejected));
        var importId = Guid.CreateVersion7();
        audit.Record(InteropAuditActions.FhirImported, AuditOutcome.Success, InteropAuditActions.ImportRecordType, importId.ToString(),
            $"created={summary.Created} updated={summary.Updated} unchanged={summary.Unchanged} rejected={summary.Rejected}", subjectPatientId: patientId);
        return (Answer(bundle.Type == Bundle.BundleType.Transaction, importId, results, summary), null);
    }

    /// <summary>The Bundle, or null for JSON that is not one (bad JSON, another resource type, or FHIR the SDK refuses).</summary>
    private static Bundle? Parse(string json)
    {
        try
        {
            return Deserializer.TryDeserializeResource(json, out var resource, out _) && resource is Bundle bundle ? bundle : null;
        }
        catch (Exception e) when (e is JsonException or DeserializationFailedException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static BundleRefusal Refuse(int status, OperationOutcome.IssueType type, string code, string reason) => new(status, type, code, reason);

    private static Bundle Answer(bool transaction, Guid importId, List<EntryResult> results, ImportSummary summary) => new()
    {
        Id = importId.ToString(),
        Type = transaction ? Bundle.BundleType.TransactionResponse : Bundle.BundleType.BatchResponse,
        Meta = new Meta
        {
            Extension =
            [
                new Extension
                {
                    Url = SummaryExtension,
                    Extension =
                    [
                        new Extension("created", new UnsignedInt(summary.Created)),
                        new Extension("updated", new UnsignedInt(summary.Updated)),
                        new Extension("unchanged", new UnsignedInt(summary.Unchanged)),
                        new Extension("rejected", new UnsignedInt(summary.Rejected)),
                    ],
                },
            ],
        },
        Entry =
        [
            .. results.Select(r => new Bundle.EntryComponent
            {
                Response = new Bundle.ResponseComponent
                {
                    Status = r.Status,
                    Location = r.Location,
                    Outcome = r.Kind == EntryOutcomeKind.Rejected ? ImportOutcomes.Outcome(OperationOutcome.IssueType.Processing, r.Code!, r.Reason!) : null,
                },
            }),
        ],
    };
}
