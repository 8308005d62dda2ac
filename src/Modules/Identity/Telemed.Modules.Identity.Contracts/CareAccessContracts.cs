using Telemed.BuildingBlocks.Ids;
namespace Telemed.Modules.Identity.Contracts;

/// <summary>
/// Why a doctor may see a patient. <see cref="Appointment"/> is bounded by the appointments it comes from (it ends when they are
/// cancelled and lapses some time after the last visit); <see cref="Consultation"/> (a consultation the doctor took) and
/// <see cref="CareTeam"/> (a standing assignment to the patient's care team) last until they are ended.
/// </summary>
public enum CareRelationshipKind { Appointment, Consultation, Referral, CareTeam }

/// <summary>A decision on a doctor's access to a patient; <see cref="Until"/> is when an allowed access lapses (UTC; null: no end set).</summary>
public sealed record CareAccessDecision(bool Allowed, bool ViaBreakGlass, string? BreakGlassReason, DateTime? Until = null)
{
    public static CareAccessDecision Denied { get; } = new(false, false, null);
}

public sealed record CareRelationshipView(Guid PatientId, string Relationship, DateTime? Until);

/// <summary>
/// Whether a doctor may see a patient's clinical data: only with a care relationship (appointment,
/// consultation, referral) or an active, reasoned, time-limited break-glass grant.
/// </summary>
public interface ICareAccess
{
    Task<CareAccessDecision> CheckAsync(UserId doctor, PatientId patient, CancellationToken cancellationToken = default);

    Task GrantAsync(UserId doctor, PatientId patient, CareRelationshipKind kind, DateTime? validUntil, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="GrantAsync(UserId, PatientId, CareRelationshipKind, DateTime?, CancellationToken)"/> for several doctor–patient
    /// pairs in one transaction (a batch of bookings): one read of what exists, one save. Idempotent like the single grant.
    /// </summary>
    Task GrantAsync(IReadOnlyCollection<(UserId Doctor, PatientId Patient)> pairs, CareRelationshipKind kind, DateTime? validUntil,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="GrantAsync(UserId, PatientId, CareRelationshipKind, DateTime?, CancellationToken)"/> for several doctor–patient pairs,
    /// each with its own end (UTC; null: no end), in one statement. Idempotent, and like the single grant it never shortens a relationship.
    /// </summary>
    Task GrantAsync(IReadOnlyCollection<(UserId Doctor, PatientId Patient, DateTime? Until)> grants, CareRelationshipKind kind,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets exactly when the doctor's relationship of <paramref name="kind"/> with the patient ends, shortening it if need be:
    /// the owner of the relationship worked the end out again from what still justifies it (e.g. the live appointments). A null or
    /// past <paramref name="until"/> ends it now (the relationship is removed; other kinds of relationship are untouched).
    /// Idempotent: the same call twice leaves the same state.
    /// </summary>
    Task SetUntilAsync(UserId doctor, PatientId patient, CareRelationshipKind kind, DateTime? until, CancellationToken cancellationToken = default);

    /// <summary>
    /// The doctor–patient pairs whose relationship of <paramref name="kind"/> has no end, ordered by doctor then patient (user and
    /// patient ids). For the owner of a kind whose relationships are bounded now but were granted for good before (Scheduling's
    /// appointments: <c>BoundOpenEndedAppointmentAccess</c>), which sets their ends with <see cref="SetUntilAsync"/>. Reads no PHI.
    /// </summary>
    Task<IReadOnlyList<(UserId Doctor, PatientId Patient)>> OpenEndedAsync(CareRelationshipKind kind, CancellationToken cancellationToken = default);

    /// <summary>Emergency access: recorded with its reason and flagged in the audit trail; expires by itself.</summary>
    Task<DateTime> BreakGlassAsync(UserId doctor, PatientId patient, string reason, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CareRelationshipView>> PatientsOfAsync(UserId doctor, CancellationToken cancellationToken = default);
}
