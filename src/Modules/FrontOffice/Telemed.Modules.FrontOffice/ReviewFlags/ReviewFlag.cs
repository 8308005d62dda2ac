using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.FrontOffice.Contracts;

namespace Telemed.Modules.FrontOffice.ReviewFlags;

/// <summary>
/// The front desk asks a doctor to review a patient's record (e.g. "brought outside results", "asked for a call back").
/// It lands in the doctor's task list until the doctor resolves it. Reason and resolution note are encrypted. UTC times.
/// </summary>
internal sealed class ReviewFlag : AggregateRoot, IPhiRecord
{
    public const int MaxReasonLength = 1000;

    private ReviewFlag()
    {
    }

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid DoctorUserId { get; private set; }
    public Guid RaisedByUserId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTime RaisedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public string ResolutionNote { get; private set; } = "";

    public string AuditRecordType => "ReviewFlag";
    public Guid AuditRecordId => Id;
    public Guid? AuditPatientId => PatientId;

    /// <summary>Raises a flag; errors: <c>front_office.empty_message</c> for a blank reason, <c>front_office.message_too_long</c>.</summary>
    public static Result<ReviewFlag> Raise(Guid patientId, Guid doctorUserId, Guid raisedByUserId, string? reason, DateTime now)
    {
        if (FrontOfficeRules.AMessageMustHaveTextWithinTheLimit(reason) is { } error)
        {
            return error;
        }

        if (reason!.Length > MaxReasonLength)
        {
            return FrontOfficeRules.MessageTooLong;
        }

        var flag = new ReviewFlag
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            DoctorUserId = doctorUserId,
            RaisedByUserId = raisedByUserId,
            Reason = reason.Trim(),
            RaisedAt = now,
        };
        flag.Raise(new ReviewFlagRaised(flag.Id, patientId, doctorUserId, now));
        return flag;
    }

    /// <summary>Resolves the flag; errors: <c>front_office.flag_not_found</c> (not this doctor's), <c>front_office.flag_already_resolved</c>.</summary>
    public Result<ReviewFlag> Resolve(Guid doctorUserId, string? note, DateTime now)
    {
        if (FrontOfficeRules.OnlyTheAddressedDoctorResolvesAnOpenFlag(DoctorUserId, doctorUserId, ResolvedAt) is { } error)
        {
            return error;
        }

        if (note is { Length: > MaxReasonLength })
        {
            return FrontOfficeRules.MessageTooLong;
        }

        ResolvedAt = now;
        ResolutionNote = note?.Trim() ?? "";
        return this;
    }
}
