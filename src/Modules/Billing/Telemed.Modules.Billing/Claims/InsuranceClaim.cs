using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Results;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Billing.Claims;

/// <summary>
/// Where a claim stands (camelCase in the API), following FHIR's ClaimResponse outcomes: <c>draft</c> (made from a paid visit, not yet
/// sent), <c>submitted</c>, <c>accepted</c>, <c>rejected</c>, <c>paid</c> (the insurer paid the clinic or the patient).
/// </summary>
public enum ClaimStatus { Draft, Submitted, Accepted, Rejected, Paid }

/// <summary>
/// An insurance claim for an insured visit (issue 14, item 3): the visit's captured amount (minor units of <see cref="Currency"/>), the
/// insurer and policy on the patient's record at the time (both encrypted at rest), the service date (UTC) and its state. One claim per
/// payment, enforced by a unique index. Transitions: draft → submitted → accepted | rejected; accepted → paid; rejected → submitted
/// (resubmission after a correction).
/// </summary>
public sealed class InsuranceClaim : IPhiRecord
{
    private InsuranceClaim() { }

    public Guid Id { get; private set; }
    public Guid PaymentId { get; private set; }
    public Guid AppointmentId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid ClinicId { get; private set; }
    public Guid DoctorUserId { get; private set; }
    public string Kind { get; private set; } = "";
    public string InsurerName { get; private set; } = "";
    public string PolicyNumber { get; private set; } = "";
    public long AmountMinor { get; private set; }
    public string Currency { get; private set; } = "";
    public DateTime ServiceDate { get; private set; }
    public ClaimStatus Status { get; private set; }
    public string? Note { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    string IPhiRecord.AuditRecordType => "InsuranceClaim";
    Guid IPhiRecord.AuditRecordId => Id;
    Guid? IPhiRecord.AuditPatientId => PatientId;

    /// <summary>A draft claim for a captured visit payment: what the patient paid and kept paying (captured less refunded), in minor units.</summary>
    public static InsuranceClaim Draft(Payments.Payment payment, string insurer, string policy, DateTime now) => new()
    {
        Id = Guid.NewGuid(), PaymentId = payment.Id, AppointmentId = payment.AppointmentId, PatientId = payment.PatientId, ClinicId = payment.ClinicId,
        DoctorUserId = payment.DoctorUserId, Kind = payment.Kind, InsurerName = insurer, PolicyNumber = policy, AmountMinor = payment.CapturedMinor - payment.RefundedMinor,
        Currency = payment.Currency, ServiceDate = payment.VisitStart, Status = ClaimStatus.Draft, CreatedAt = now, UpdatedAt = now,
    };

    /// <summary>Moves the claim to <paramref name="to"/> with an optional note (≤ 500 characters); 409 <c>billing.claim_invalid_transition</c> otherwise.</summary>
    public Result MoveTo(ClaimStatus to, string? note, DateTime now)
    {
        if (!ClaimTransitions.Allowed(Status, to))
        {
            return Error.Conflict("billing.claim_invalid_transition", $"A {Name(Status)} claim cannot become {Name(to)}.");
        }

        Status = to;
        Note = string.IsNullOrWhiteSpace(note) ? Note : note.Trim();
        UpdatedAt = now;
        Version++;
        return Result.Success;
    }

    /// <summary>
    /// Takes in a refund of the claimed payment, which now nets <paramref name="netMinor"/> (captured less refunded, minor units). A draft
    /// (nothing sent to the insurer yet) is corrected to the net amount. A claim already submitted keeps the amount the insurer was sent,
    /// and its note says what was refunded and what the claim should now be, so the billing office corrects or withdraws it with the
    /// insurer (the list and the export show the note). Returns whether the claim changed; a report of a net already taken in changes nothing.
    /// </summary>
    public bool TakeInRefund(long netMinor, DateTime now)
    {
        if (Status == ClaimStatus.Draft)
        {
            if (AmountMinor == netMinor)
            {
                return false;
            }

            AmountMinor = netMinor;
        }
        else
        {
            var notice = $"Refunded after submission: the payment now nets {netMinor} (minor units, {Currency}); correct or withdraw this claim with the insurer.";
            if (Note is not null && Note.StartsWith(notice, StringComparison.Ordinal))
            {
                return false;
            }

            var earlier = Note is null || Note.StartsWith("Refunded after submission:", StringComparison.Ordinal) ? "" : " " + Note;
            Note = TextExcerpt.Start(notice + earlier, 500);
        }

        UpdatedAt = now;
        Version++;
        return true;
    }

    public static string Name(ClaimStatus status)
    {
        var name = status.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}

/// <summary>The claim's lifecycle as a rule: which state may follow which.</summary>
public static class ClaimTransitions
{
    /// <summary>draft → submitted; submitted → accepted or rejected; accepted → paid; rejected → submitted (resubmitted after a correction).</summary>
    public static bool Allowed(ClaimStatus from, ClaimStatus to) => (from, to) switch
    {
        (ClaimStatus.Draft, ClaimStatus.Submitted) => true,
        (ClaimStatus.Submitted, ClaimStatus.Accepted or ClaimStatus.Rejected) => true,
        (ClaimStatus.Accepted, ClaimStatus.Paid) => true,
        (ClaimStatus.Rejected, ClaimStatus.Submitted) => true,
        _ => false,
    };
}
