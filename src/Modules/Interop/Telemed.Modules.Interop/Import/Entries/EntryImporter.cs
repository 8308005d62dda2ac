using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Interop.Infrastructure;
using Telemed.Modules.Interop.Ledger;
using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Interop.Import.Entries;

/// <summary>
/// Imports one clinical entry of the Bundle: AllergyIntolerance and Condition onto the profile's allergies and chronic conditions,
/// MedicationStatement and MedicationRequest onto its medication list (Directory), Observation as a released external lab result
/// (Labs). The ledger makes it idempotent: the same content again is <see cref="EntryOutcomeKind.Unchanged"/>, a changed resource with the
/// same source id replaces what it became. Each entry is saved on its own, so one rejected entry loses nothing accepted.
/// </summary>
internal sealed class EntryImporter(InteropDbContext db, IPatientProfileImport profiles, IExternalLabResults labs, TimeProvider clock)
{
    public async Task<EntryResult> ImportAsync(Resource resource, ImportContext context, CancellationToken ct) => resource switch
    {
        AllergyIntolerance a => await ProfileEntryAsync(a, a.Patient, PatientProfileList.Allergies, EntryTexts.Of(a.Code), context, ct),
        Condition c => await ProfileEntryAsync(c, c.Subject, PatientProfileList.ChronicConditions, EntryTexts.Of(c.Code), context, ct),
        MedicationStatement m => await MedicationAsync(m, m.Subject, m.Medication, m.Dosage.FirstOrDefault()?.Text, context, ct),
        MedicationRequest m => await MedicationAsync(m, m.Subject, m.Medication, m.DosageInstruction.FirstOrDefault()?.Text, context, ct),
        Observation o => await ObservationAsync(o, context, ct),
        _ => EntryResult.Rejected("import.unsupported_type",
            "This resource type is not imported (Patient, AllergyIntolerance, Condition, MedicationStatement, MedicationRequest, Observation are)."),
    };

    private Task<EntryResult> MedicationAsync(Resource resource, ResourceReference? subject, DataType? medication, string? dosage, ImportContext context,
        CancellationToken ct) => medication is CodeableConcept concept
        ? ProfileEntryAsync(resource, subject, PatientProfileList.Medications, EntryTexts.Of(concept, dosage), context, ct)
        : Task.FromResult(EntryResult.Rejected("import.medication_reference", "Only medicationCodeableConcept is imported, not a reference to a Medication."));

    private async Task<EntryResult> ProfileEntryAsync(Resource resource, ResourceReference? subject, PatientProfileList list, string? text,
        ImportContext context, CancellationToken ct)
    {
        if (SubjectRefusal(subject, required: true, context) is { } refusal)
        {
            return refusal;
        }

        if (text is null)
        {
            return EntryResult.Rejected("import.missing_code", "The entry needs a code (text or coding).");
        }

        if (text.Length > EntryTexts.MaxLength)
        {
            return EntryTexts.TooLong("The entry's text (its name, code and dosage)", EntryTexts.MaxLength);
        }

        return await WithLedgerAsync(resource, context, async previous =>
            await profiles.PutProfileEntryAsync(context.PatientId, list, previous?.TargetRef, text, ct) == ProfileEntryPut.ListFull
                ? Written.Refused(EntryResult.Rejected("import.profile_list_full",
                    $"The patient's list already holds {PatientProfileLimits.MaxEntries} entries, as many as a profile keeps; review it with the patient."))
                : Written.As(ProfileEntryHash.Of(text)), ct);
    }

    private async Task<EntryResult> ObservationAsync(Observation observation, ImportContext context, CancellationToken ct)
    {
        if (SubjectRefusal(observation.Subject, required: false, context) is { } refusal)
        {
            return refusal;
        }

        var (reading, invalid) = ObservationReading.Read(observation, clock.GetUtcNow().UtcDateTime);
        if (reading is null)
        {
            return invalid!;
        }

        return await WithLedgerAsync(observation, context, async _ =>
        {
            var key = LedgerKeys.SourceKeyOf(observation, LedgerKeys.ContentHashOf(observation));
            var recorded = await labs.RecordExternalObservationAsync(context.PatientId,
                LedgerKeys.ExternalIdOf(context.SourceSystem, observation.TypeName, key), reading, ct);
            return Written.As(recorded.ReportId.ToString());
        }, ct);
    }

    /// <summary>Looks the resource up in the ledger, writes it (unless unchanged) and records what it became.</summary>
    private async Task<EntryResult> WithLedgerAsync(Resource resource, ImportContext context, Func<ImportLedgerEntry?, Task<Written>> write,
        CancellationToken ct)
    {
        var hash = LedgerKeys.ContentHashOf(resource);
        var key = LedgerKeys.SourceKeyOf(resource, hash);
        var type = resource.TypeName;
        var line = await db.Ledger.SingleOrDefaultAsync(l => l.SourceSystem == context.SourceSystem && l.ResourceType == type && l.SourceKey == key, ct);
        if (line is not null && line.ContentHash == hash && line.PatientId == context.PatientId)
        {
            return new EntryResult(EntryOutcomeKind.Unchanged);
        }

        if (line is not null && line.PatientId != context.PatientId)
        {
            return EntryResult.Rejected("import.other_patient", "The source imported this resource for another patient before.");
        }

        var written = await write(line);
        if (written.Refusal is { } refused)
        {
            // Nothing was written, so nothing is recorded: the same resource sent again is judged again.
            return refused;
        }

        var target = written.Target!;
        var now = clock.GetUtcNow().UtcDateTime;
        if (line is null)
        {
            db.Ledger.Add(new ImportLedgerEntry
            {
                SourceSystem = context.SourceSystem, ResourceType = type, SourceKey = key, ContentHash = hash, PatientId = context.PatientId,
                TargetRef = target, ImportedAt = now, UpdatedAt = now,
            });
        }
        else
        {
            line.ContentHash = hash;
            line.TargetRef = target;
            line.UpdatedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (line is null)
        {
            // Another import of the same resource recorded it first; the write above was idempotent (same profile text, same lab key).
            db.ChangeTracker.Clear();
            return new EntryResult(EntryOutcomeKind.Unchanged);
        }

        return new EntryResult(line is null ? EntryOutcomeKind.Created : EntryOutcomeKind.Updated);
    }

    /// <summary>What a write made (the ledger's target reference), or why the module refused it.</summary>
    private sealed record Written(string? Target, EntryResult? Refusal)
    {
        public static Written As(string target) => new(target, null);

        public static Written Refused(EntryResult refusal) => new(null, refusal);
    }

    private static EntryResult? SubjectRefusal(ResourceReference? subject, bool required, ImportContext context)
    {
        if (subject?.Reference is null)
        {
            return required ? EntryResult.Rejected("import.missing_subject", "The entry must name the Bundle's patient (subject or patient).") : null;
        }

        return context.IsThePatient(subject.Reference)
            ? null
            : EntryResult.Rejected("import.other_patient", "The entry names a patient other than the Bundle's Patient.");
    }
}
