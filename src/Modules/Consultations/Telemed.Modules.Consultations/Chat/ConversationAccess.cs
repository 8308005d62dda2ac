using Telemed.BuildingBlocks.Ids;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Consultations.Chat;

/// <summary>Who is asking, passed explicitly so the same rules hold for REST requests and hub invocations.</summary>
internal sealed record Caller(Guid UserId, bool IsPatient, bool IsDoctor)
{
    public static Caller Of(ICurrentUser user) => new(user.RequireUserId(), user.IsInRole(Roles.Patient), user.IsInRole(Roles.Doctor));
}

/// <summary>
/// Who may read a conversation: its patient and its doctor; doctors with a care relationship read it as part of the
/// patient's record (break-glass flagged). Everyone else is told it does not exist — the same answer as for an
/// unknown id — and the refusal of an existing conversation is recorded in the audit trail as denied.
/// </summary>
internal sealed class ConversationAccess(ConsultationsDbContext db, ICareAccess care, AuditScope audit)
{
    public const string RecordType = "Conversation";

    /// <summary>The conversation (tracked), or null when it is unknown or the caller may not read it.</summary>
    public async Task<Conversation?> FindAsync(Guid conversationId, Caller caller, CancellationToken ct)
    {
        // Decide on the identifying columns first, so a stranger's request never loads (and decrypts) the record.
        var keys = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.PatientUserId, c.DoctorUserId, c.PatientId }).FirstOrDefaultAsync(ct);
        if (keys is null)
        {
            return null;
        }

        var participant = (caller.IsPatient && keys.PatientUserId == caller.UserId) || (caller.IsDoctor && keys.DoctorUserId == caller.UserId);
        if (!participant)
        {
            var decision = caller.IsDoctor ? await care.CheckAsync(new UserId(caller.UserId), new PatientId(keys.PatientId), ct) : null;
            if (decision is not { Allowed: true })
            {
                audit.RecordDenied(RecordType, conversationId, "not a participant");
                return null;
            }

            if (decision.ViaBreakGlass)
            {
                audit.MarkBreakGlass(decision.BreakGlassReason ?? "break-glass");
            }
        }

        return await db.Conversations.FirstAsync(c => c.Id == conversationId, ct);
    }
}
