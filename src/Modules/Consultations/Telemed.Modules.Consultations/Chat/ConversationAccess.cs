using Telemed.BuildingBlocks.Modules;
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
/// Who is in a conversation: what access decisions and the send path need, without the record's encrypted fields.
/// A conversation's people do not change, except that an on-demand consultation's chat gets its doctor once
/// (<see cref="DoctorUserId"/> null before that).
/// </summary>
internal sealed record ConversationKeys(Guid Id, ConversationKind Kind, Guid PatientId, Guid PatientUserId, Guid? DoctorUserId)
{
    public static ConversationKeys Of(Conversation c) => new(c.Id, c.Kind, c.PatientId, c.PatientUserId, c.DoctorUserId);

    /// <summary>Rule: the conversation's patient and its doctor write in it; anyone else at most reads it.</summary>
    public bool IsParticipant(Guid userId) => userId == PatientUserId || (DoctorUserId is { } d && d == userId);

    /// <summary>"patient" or "doctor": the role a participant writes with.</summary>
    public string RoleOf(Guid participantUserId) => participantUserId == PatientUserId ? "patient" : "doctor";
}

/// <summary>
/// A decision to let a caller at a conversation: as a participant (<see cref="Participant"/>; lasts as long as the
/// session, which closes the connection when it ends), or as a doctor reading the patient's record through a care
/// relationship or break-glass, until <see cref="Until"/> (UTC; null: no end known).
/// </summary>
internal sealed record ConversationGrant(ConversationKeys Conversation, bool Participant, DateTime? Until);

/// <summary>
/// Who may read a conversation: its patient and its doctor; doctors with a care relationship read it as part of the
/// patient's record (break-glass flagged). Everyone else is told it does not exist — the same answer as for an
/// unknown id — and the refusal of an existing conversation is recorded in the audit trail as denied.
/// </summary>
/// <remarks>
/// A hub connection keeps its participant grants (<see cref="ChatConnection"/>): participation never ends while the
/// session lives, and an ended session closes the connection. A reader's grant rests on care access, which can lapse,
/// so it is decided against the database at every invocation and never cached.
/// </remarks>
internal sealed class ConversationAccess(ConsultationsDbContext db, Deferred<ICareAccess> deferredCare, AuditScope audit, ConversationKeysCache known)
{
    // Deferred: the care-access check (the identity module's database context) is asked only when a doctor who is not a
    // participant opens a conversation; a participant's every message decides from the connection's grant.
    private ICareAccess Care => deferredCare.Value;

    public const string RecordType = "Conversation";

    /// <summary>
    /// The caller's grant, or null when the conversation is unknown or the caller may not read it (a refusal of an
    /// existing conversation is audited as denied). Reads only the conversation's key columns, never its encrypted
    /// fields, and those only when neither <paramref name="connection"/> nor the host's <see cref="ConversationKeysCache"/> can
    /// answer for a participant. A reader's access is recorded as a read of the conversation (break-glass flagged).
    /// </summary>
    public async Task<ConversationGrant?> DecideAsync(Guid conversationId, Caller caller, ChatConnection? connection, CancellationToken ct)
    {
        if (connection?.ParticipantGrant(conversationId) is { } cached)
        {
            return cached;
        }

        // The host's cached keys may only be stale by a doctor assigned since: whatever they would refuse is read again.
        var keys = known.Find(conversationId) is { } remembered && IsParticipant(remembered, caller) ? remembered : await ReadKeysAsync(conversationId, ct);
        if (keys is null)
        {
            return null;
        }

        if (IsParticipant(keys, caller))
        {
            var grant = new ConversationGrant(keys, Participant: true, Until: null);
            connection?.Remember(grant);
            return grant;
        }

        var decision = caller.IsDoctor ? await Care.CheckAsync(new UserId(caller.UserId), new PatientId(keys.PatientId), ct) : null;
        if (decision is not { Allowed: true })
        {
            audit.RecordDenied(RecordType, conversationId, "not a participant");
            return null;
        }

        if (decision.ViaBreakGlass)
        {
            audit.MarkBreakGlass(decision.BreakGlassReason ?? "break-glass");
        }

        audit.RecordPhiAccess(AuditActions.PhiRead, RecordType, conversationId, keys.PatientId);
        return new ConversationGrant(keys, Participant: false, decision.Until);
    }

    private static bool IsParticipant(ConversationKeys keys, Caller caller) =>
        (caller.IsPatient && keys.PatientUserId == caller.UserId) || (caller.IsDoctor && keys.DoctorUserId == caller.UserId);

    private async Task<ConversationKeys?> ReadKeysAsync(Guid conversationId, CancellationToken ct)
    {
        var keys = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new ConversationKeys(c.Id, c.Kind, c.PatientId, c.PatientUserId, c.DoctorUserId)).FirstOrDefaultAsync(ct);
        if (keys is not null)
        {
            known.Remember(keys);
        }

        return keys;
    }

    /// <summary>The conversation (tracked), or null when it is unknown or the caller may not read it.</summary>
    public async Task<Conversation?> FindAsync(Guid conversationId, Caller caller, CancellationToken ct) =>
        await DecideAsync(conversationId, caller, connection: null, ct) is null ? null : await db.Conversations.FirstAsync(c => c.Id == conversationId, ct);
}
