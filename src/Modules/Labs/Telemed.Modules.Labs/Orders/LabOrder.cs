using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Labs.Orders;

/// <summary>One ordered catalogue entry as stored (inside the order's encrypted list): LOINC code and English display.</summary>
internal sealed record OrderedTest(string LoincCode, string Display);

/// <summary>
/// A doctor's lab order for a patient in a consultation: the ordered tests (encrypted: they reveal what is suspected), the
/// partner lab the patient chose, the ids the lab gave its ServiceRequests (comma-separated), and where it stands
/// (<see cref="LabOrderStatuses"/>). Transitions guard themselves; placing raises <see cref="LabOrderPlaced"/>. UTC times.
/// </summary>
internal sealed class LabOrder : AggregateRoot, IPhiRecord
{
    public const string AuditType = "LabOrder";
    public const int MaxTests = 20;

    public static readonly Error NotFound = new("labs.not_found", "No such lab order or result.", ErrorKind.NotFound);
    public static readonly Error LabAlreadyChosen = new("labs.lab_already_chosen", "This order has already gone to a lab.", ErrorKind.Conflict);
    public static readonly Error ConsultationNotStarted = Error.Conflict("labs.consultation_not_started",
        "Tests are ordered in a consultation that has started or ended normally, not in one that is waiting, was cancelled or failed.");

    /// <summary>
    /// Tests are ordered in a consultation that is in progress or completed (the same rule as prescriptions and the protocol):
    /// not one still waiting, nor one that failed (patient or doctor absent, technical failure) or was cancelled.
    /// </summary>
    public static Error? OrderedOnlyInAStartedConsultation(string consultationStatus) =>
        consultationStatus is "inProgress" or "completed" ? null : ConsultationNotStarted;

    public static readonly Error NotOrderable = new("labs.order_not_open", "Results have arrived or the order was cancelled.", ErrorKind.Conflict);

    private LabOrder()
    {
    }

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid DoctorUserId { get; private set; }
    public Guid ConsultationId { get; private set; }
    public Guid? ClinicId { get; private set; }
    public List<OrderedTest> Tests { get; private set; } = [];
    public Guid? PartnerLabId { get; private set; }
    public string? ExternalIds { get; private set; }
    public string Status { get; private set; } = LabOrderStatuses.AwaitingLab;
    public DateTime OrderedAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public DateTime? LastPolledAt { get; private set; }

    /// <summary>When a host last started handing the order to its lab (a claim, so two hosts or passes do not both send it).</summary>
    public DateTime? SendAttemptAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public string AuditRecordType => AuditType;
    public Guid AuditRecordId => Id;

    /// <summary>The consultation's doctor orders <paramref name="tests"/> (1..<see cref="MaxTests"/>, from the catalogue) for its patient.</summary>
    public static LabOrder Place(Guid consultationId, Guid patientId, Guid doctorUserId, Guid? clinicId, IReadOnlyList<OrderedTest> tests, DateTime now)
    {
        var order = new LabOrder
        {
            Id = Guid.CreateVersion7(), ConsultationId = consultationId, PatientId = patientId, DoctorUserId = doctorUserId, ClinicId = clinicId,
            Tests = [.. tests], OrderedAt = now, UpdatedAt = now,
        };
        order.Raise(new LabOrderPlaced(order.Id, patientId, doctorUserId, now));
        return order;
    }

    /// <summary>The patient picks the lab; only once, and only before it was sent. Errors: <c>labs.lab_already_chosen</c>, <c>labs.order_not_open</c>.</summary>
    public Result ChooseLab(Guid partnerLabId, DateTime now)
    {
        if (Status != LabOrderStatuses.AwaitingLab)
        {
            return Status == LabOrderStatuses.Sent ? LabAlreadyChosen : NotOrderable;
        }

        if (PartnerLabId is not null)
        {
            return LabAlreadyChosen;
        }

        PartnerLabId = partnerLabId;
        UpdatedAt = now;
        Version++;
        return Result.Success;
    }

    /// <summary>Whether the order waits to be handed to its lab's gateway (lab chosen, not yet accepted by the lab).</summary>
    public bool AwaitsSending => Status == LabOrderStatuses.AwaitingLab && PartnerLabId is not null;

    /// <summary>How long a send attempt holds its claim before another pass may try again.</summary>
    public static readonly TimeSpan SendClaim = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Claims the send: true when the order awaits sending and nobody claimed it within <see cref="SendClaim"/>. The claim is
    /// saved (with the concurrency token) before the lab is called, so of two racing senders only one proceeds.
    /// </summary>
    public bool ClaimSending(DateTime now)
    {
        if (!AwaitsSending || (SendAttemptAt is { } last && now - last < SendClaim))
        {
            return false;
        }

        SendAttemptAt = now;
        Version++;
        return true;
    }

    /// <summary>The lab accepted the order and named its ServiceRequests.</summary>
    public void MarkSent(IReadOnlyList<string> externalIds, DateTime now)
    {
        ExternalIds = string.Join(',', externalIds);
        Status = LabOrderStatuses.Sent;
        SentAt = now;
        UpdatedAt = now;
        Version++;
    }

    public IReadOnlyList<string> ExternalIdList => (ExternalIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    public void MarkPolled(DateTime now) => LastPolledAt = now;

    /// <summary>
    /// The lab changed a report of the completed order after it was stored (withdrew it): the recheck window
    /// (<see cref="Gateway.StoredReportRecheck"/>) counts from now, as the lab is still working on it.
    /// </summary>
    public void ReportChanged(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    /// <summary>A report arrived for it: the order is complete.</summary>
    public void ResultArrived(DateTime now)
    {
        Status = LabOrderStatuses.ResultReceived;
        UpdatedAt = now;
        Version++;
    }
}
