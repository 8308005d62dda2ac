using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.FrontOffice.Contracts;

namespace Telemed.Modules.FrontOffice.Messages;

/// <summary>
/// One message in the thread between the clinic (its front desk, as one party) and a patient. There is one thread per
/// patient, so the audit record is the thread (record type <c>ClinicThread</c>, id = patient id). The body is
/// encrypted at rest. Times are UTC.
/// </summary>
internal sealed class ClinicMessage : AggregateRoot, IPhiRecord
{
    private ClinicMessage()
    {
    }

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid PatientUserId { get; private set; }
    public ClinicMessageAuthor Author { get; private set; }
    public Guid AuthorUserId { get; private set; }
    public string Body { get; private set; } = "";
    public DateTime SentAt { get; private set; }

    /// <summary>When the other party first read it (the patient for a clinic message, any front-desk user for a patient's).</summary>
    public DateTime? ReadAt { get; private set; }

    public string AuditRecordType => "ClinicThread";
    public Guid AuditRecordId => PatientId;
    public Guid? AuditPatientId => PatientId;

    /// <summary>Writes a message; errors: <c>front_office.empty_message</c>, <c>front_office.message_too_long</c>.</summary>
    public static Result<ClinicMessage> Write(Guid patientId, Guid patientUserId, ClinicMessageAuthor author, Guid authorUserId, string? body, DateTime now)
    {
        if (FrontOfficeRules.AMessageMustHaveTextWithinTheLimit(body) is { } error)
        {
            return error;
        }

        var message = new ClinicMessage
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            PatientUserId = patientUserId,
            Author = author,
            AuthorUserId = authorUserId,
            Body = body!.Trim(),
            SentAt = now,
        };
        message.Raise(new ClinicMessageSent(message.Id, patientId, patientUserId, author, now));
        return message;
    }

    /// <summary>Marks the message read by the other party; reading one's own message changes nothing.</summary>
    public void MarkReadBy(ClinicMessageAuthor reader, DateTime now)
    {
        if (reader != Author && ReadAt is null)
        {
            ReadAt = now;
        }
    }
}
