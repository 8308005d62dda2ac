using Telemed.BuildingBlocks.Events;

namespace Telemed.Modules.Clinical.Contracts;

/// <summary>
/// A visit protocol was signed (UTC): it is locked, the patient's visit summary becomes available, prescriptions may refer
/// to it. Carries ids only.
/// </summary>
public sealed record ProtocolSigned(Guid ProtocolId, Guid ConsultationId, Guid PatientId, Guid DoctorUserId, DateTime SignedAt) : IntegrationEvent, IDomainEvent;

/// <summary>
/// Which telemedicine law a clinic practises under. Each has a policy object in the clinical module; the code is what
/// the admin API and the clinic's data carry.
/// </summary>
public static class JurisdictionCodes
{
    /// <summary>Russian Federation: Federal Law 323-FZ art. 36.2 and Ministry of Health order 965n (remote consultations).</summary>
    public const string Russia = "ru-323fz";

    /// <summary>United States: no rule here beyond what the clinic's own protocols require (state rules are not modelled).</summary>
    public const string UnitedStates = "us";

    /// <summary>European Union: no rule here beyond the clinic's own (member-state rules are not modelled).</summary>
    public const string EuropeanUnion = "eu";

    public static readonly IReadOnlyList<string> All = [Russia, UnitedStates, EuropeanUnion];
}

/// <summary>The clinical documentation module's facade for the host (demo seeding).</summary>
public interface IClinicalModule
{
    /// <summary>Sets the clinic's jurisdiction (one of <see cref="JurisdictionCodes.All"/>) unless one is already set.</summary>
    Task EnsureJurisdictionAsync(Guid clinicId, string jurisdictionCode, CancellationToken cancellationToken = default);
}
