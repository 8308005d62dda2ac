namespace Telemed.Modules.Identity.Contracts;

public enum CareRelationshipKind { Appointment, Consultation, Referral }

public sealed record CareAccessDecision(bool Allowed, bool ViaBreakGlass, string? BreakGlassReason)
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
    Task<CareAccessDecision> CheckAsync(Guid doctorUserId, Guid patientId, CancellationToken cancellationToken = default);

    Task GrantAsync(Guid doctorUserId, Guid patientId, CareRelationshipKind kind, DateTime? validUntil, CancellationToken cancellationToken = default);

    /// <summary>Emergency access: recorded with its reason and flagged in the audit trail; expires by itself.</summary>
    Task<DateTime> BreakGlassAsync(Guid doctorUserId, Guid patientId, string reason, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CareRelationshipView>> PatientsOfAsync(Guid doctorUserId, CancellationToken cancellationToken = default);
}
