using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Labs.Results;

/// <summary>
/// A lab's report on an order (one per lab report id and order: a report received twice is stored once): its values and
/// the doctor's note are encrypted; <see cref="CriticalCount"/> and <see cref="AllNormal"/> are kept in the clear so the
/// alert and the auto-release rule need not decrypt. Arrives <c>received</c> (raising <see cref="LabResultReceived"/>),
/// becomes <c>released</c> once (raising <see cref="LabResultReleased"/>); <c>withdrawn</c> when the lab withdraws it later (raising
/// <see cref="LabResultWithdrawn"/>). UTC times.
/// </summary>
internal sealed class LabReport : AggregateRoot, IPhiRecord
{
    public const string AuditType = "LabResult";
    public const int MaxNoteLength = 2000;

    /// <summary>The longest lab report id kept (the lab's id, the idempotency key with the order).</summary>
    public const int MaxExternalIdLength = 200;

    /// <summary>The longest panel code kept (a LOINC code).</summary>
    public const int MaxPanelCodeLength = 16;

    public static readonly Error AlreadyReleased = new("labs.already_released", "These results are already released.", ErrorKind.Conflict);

    /// <summary>A report the lab withdrew is not a result: it cannot be released (nor its note rewritten for the patient).</summary>
    public static readonly Error Withdrawn = new("labs.report_withdrawn", "The lab withdrew these results: they are not valid and cannot be released.",
        ErrorKind.Conflict);

    private LabReport()
    {
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid DoctorUserId { get; private set; }
    public string ExternalId { get; private set; } = "";
    public string? PanelCode { get; private set; }
    public string Status { get; private set; } = LabResultStatuses.Received;
    public List<LabValue> Values { get; private set; } = [];
    public string? DoctorNote { get; private set; }
    public int CriticalCount { get; private set; }
    public bool AllNormal { get; private set; }
    public DateTime IssuedAt { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public DateTime? ReleasedAt { get; private set; }
    public bool ReleasedAutomatically { get; private set; }
    public int Version { get; private set; }

    public string AuditRecordType => AuditType;
    public Guid AuditRecordId => Id;

    public bool IsReleased => Status == LabResultStatuses.Released;

    public bool IsWithdrawn => Status == LabResultStatuses.Withdrawn;

    /// <summary>A report arrives for <paramref name="orderId"/> with its flagged values; critical ones are counted for the alert.</summary>
    public static LabReport Receive(Guid orderId, Guid patientId, Guid doctorUserId, string externalId, string? panelCode, IReadOnlyList<LabValue> values,
        DateTime issuedAt, DateTime now)
    {
        var report = new LabReport
        {
            Id = Guid.CreateVersion7(), OrderId = orderId, PatientId = patientId, DoctorUserId = doctorUserId, ExternalId = externalId, PanelCode = panelCode,
            Values = [.. values], CriticalCount = values.Count(v => LabFlags.IsCritical(v.Flag)),
            AllNormal = ValueFlags.AllNormal(values), IssuedAt = issuedAt, ReceivedAt = now,
        };
        report.Raise(new LabResultReceived(report.Id, orderId, patientId, doctorUserId, report.CriticalCount, now));
        return report;
    }

    /// <summary>The doctor writes or rewrites the plain-language note (before or after release).</summary>
    public void WriteNote(string? note)
    {
        DoctorNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Version++;
    }

    /// <summary>
    /// Releases the report to the patient, by the doctor or by the auto-release rule. Errors: <c>labs.already_released</c>,
    /// <c>labs.report_withdrawn</c>.
    /// </summary>
    public Result Release(bool automatically, DateTime now)
    {
        if (IsWithdrawn)
        {
            return Withdrawn;
        }

        if (IsReleased)
        {
            return AlreadyReleased;
        }

        Status = LabResultStatuses.Released;
        ReleasedAt = now;
        ReleasedAutomatically = automatically;
        Version++;
        Raise(new LabResultReleased(Id, OrderId, PatientId, DoctorUserId, automatically, now));
        return Result.Success;
    }

    /// <summary>
    /// The lab withdrew the stored report (its DiagnosticReport became entered-in-error or cancelled): it becomes <c>withdrawn</c> — hidden
    /// from the patient even if released, never releasable — raising <see cref="LabResultWithdrawn"/> for the ordering doctor. The values
    /// are kept for the doctor and the audit. False (nothing changes) when it was withdrawn already.
    /// </summary>
    public bool Withdraw(DateTime now)
    {
        if (IsWithdrawn)
        {
            return false;
        }

        var wasReleased = IsReleased;
        Status = LabResultStatuses.Withdrawn;
        Version++;
        Raise(new LabResultWithdrawn(Id, OrderId, PatientId, DoctorUserId, wasReleased, now));
        return true;
    }

    /// <summary>
    /// A value recorded by another system (FHIR import): a report with no order and no ordering doctor (empty ids), released at once, as
    /// it is history rather than a new result; no alert is raised.
    /// </summary>
    public static LabReport Imported(Guid patientId, string externalId, LabValue value, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), OrderId = Guid.Empty, PatientId = patientId, DoctorUserId = Guid.Empty, ExternalId = externalId,
        Values = [value], CriticalCount = LabFlags.IsCritical(value.Flag) ? 1 : 0, AllNormal = ValueFlags.AllNormal([value]),
        IssuedAt = value.EffectiveAt, ReceivedAt = now, Status = LabResultStatuses.Released, ReleasedAt = now,
    };

    /// <summary>The source changed an imported value: it replaces the old one. False when nothing changed.</summary>
    public bool ReplaceImportedValue(LabValue value)
    {
        if (Values.Count == 1 && Values[0] with { Id = value.Id } == value)
        {
            return false;
        }

        Values = [value with { Id = Values.FirstOrDefault()?.Id ?? value.Id }];
        CriticalCount = LabFlags.IsCritical(value.Flag) ? 1 : 0;
        AllNormal = ValueFlags.AllNormal([value]);
        IssuedAt = value.EffectiveAt;
        Version++;
        return true;
    }
}
