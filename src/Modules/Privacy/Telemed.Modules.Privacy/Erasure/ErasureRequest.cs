using System.Text.Json;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Privacy.Erasure;

/// <summary>An erasure request's state (stable codes): open (<c>requested</c>, <c>inProgress</c>) or closed (<c>completed</c>, <c>declined</c>).</summary>
public static class ErasureStatuses
{
    public const string Requested = "requested";
    public const string InProgress = "inProgress";
    public const string Completed = "completed";
    public const string Declined = "declined";

    /// <summary>Every status, as the API writes them.</summary>
    public static readonly IReadOnlyList<string> All = [Requested, InProgress, Completed, Declined];

    public static bool IsOpen(string status) => status is Requested or InProgress;
}

/// <summary>
/// A patient's request to erase their data, and the admin's handling of it. Carrying it out runs <see cref="ErasureSteps"/> one
/// by one; each finished step is remembered, so a failure leaves the request <c>inProgress</c> with the failed step named and the
/// admin resumes it (every step is idempotent). Times are UTC instants; the reasons are encrypted at rest.
/// </summary>
internal sealed class ErasureRequest : IPhiRecord
{
    public const int MaxReasonLength = 1000;
    public const string RecordType = "ErasureRequest";

    private ErasureRequest()
    {
    }

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }

    /// <summary>The patient's account (closed by the last step).</summary>
    public Guid PatientUserId { get; private set; }
    public Guid RequestedByUserId { get; private set; }
    public string? Reason { get; private set; }
    public string Status { get; private set; } = ErasureStatuses.Requested;
    public DateTime RequestedAt { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public Guid? DecidedByUserId { get; private set; }
    public string? DeclineReason { get; private set; }

    /// <summary>Comma-separated codes of the finished <see cref="ErasureSteps"/>.</summary>
    public string StepsDone { get; private set; } = "";

    /// <summary>The step that failed last (a code, never a message with data), null when none did.</summary>
    public string? FailedStep { get; private set; }

    /// <summary>JSON array of <see cref="KeptRecord"/>: what was kept and why, fixed when carrying out starts.</summary>
    public string? KeptJson { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public int Version { get; private set; }

    public string AuditRecordType => RecordType;
    public Guid AuditRecordId => Id;
    public Guid? AuditPatientId => PatientId;

    public static ErasureRequest Open(Guid patientId, Guid patientUserId, Guid requestedBy, string? reason, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), PatientId = patientId, PatientUserId = patientUserId, RequestedByUserId = requestedBy,
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), RequestedAt = now,
    };

    public IReadOnlyList<string> FinishedSteps => StepsDone.Length == 0 ? [] : StepsDone.Split(',');

    public IReadOnlyList<KeptRecord> Kept => KeptJson is null ? [] : JsonSerializer.Deserialize<List<KeptRecord>>(KeptJson, JsonSerializerOptions.Web) ?? [];

    /// <summary>Starts (or resumes) carrying it out; the kept answer is fixed on the first start. Error: privacy.erasure_closed.</summary>
    public Result Start(IReadOnlyList<KeptRecord> kept, Guid adminUserId, DateTime now)
    {
        if (!ErasureStatuses.IsOpen(Status))
        {
            return ErasureErrors.Closed;
        }

        if (Status == ErasureStatuses.Requested)
        {
            Status = ErasureStatuses.InProgress;
            DecidedAt = now;
            DecidedByUserId = adminUserId;
            KeptJson = JsonSerializer.Serialize(kept, JsonSerializerOptions.Web);
        }

        FailedStep = null;
        Version++;
        return Result.Success;
    }

    public void StepFinished(string step)
    {
        if (!FinishedSteps.Contains(step))
        {
            StepsDone = StepsDone.Length == 0 ? step : $"{StepsDone},{step}";
        }

        Version++;
    }

    public void StepFailed(string step)
    {
        FailedStep = step;
        Version++;
    }

    public void Complete(DateTime now)
    {
        Status = ErasureStatuses.Completed;
        CompletedAt = now;
        Version++;
    }

    /// <summary>Declines an untouched request with a reason told to the patient. Error: privacy.erasure_closed (already started or closed).</summary>
    public Result Decline(string reason, Guid adminUserId, DateTime now)
    {
        if (Status != ErasureStatuses.Requested)
        {
            return ErasureErrors.Closed;
        }

        Status = ErasureStatuses.Declined;
        DeclineReason = reason.Trim();
        DecidedAt = now;
        DecidedByUserId = adminUserId;
        Version++;
        return Result.Success;
    }
}

/// <summary>Errors of erasure requests; codes are the stable contract.</summary>
internal static class ErasureErrors
{
    public static readonly Error AlreadyOpen = new("privacy.erasure_already_requested", "An erasure request of this patient is already open.", ErrorKind.Conflict);
    public static readonly Error Closed = new("privacy.erasure_closed", "The erasure request is no longer open for this action.", ErrorKind.Conflict);
    public static readonly Error NotFound = new("privacy.erasure_not_found", "There is no such erasure request.", ErrorKind.NotFound);
    public static readonly Error InvalidStatus = Error.Validation("privacy.invalid_erasure_status", "Filter by requested, inProgress, completed or declined.");
    public static readonly Error StepFailed = new("privacy.erasure_step_failed", "A step of the erasure failed; it can be resumed.", ErrorKind.Conflict);
}
