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

    /// <summary>
    /// The distinct jurisdiction codes (<see cref="JurisdictionCodes"/>) of every clinic that has one: a patient's records may lie at any
    /// clinic, so the Privacy module's retention policy applies each (the longest retention wins).
    /// </summary>
    Task<IReadOnlyList<string>> JurisdictionsInUseAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A prescription's lifecycle as the clinical module records it. Dispensing progress is the pharmacy module's
/// (see its contracts); these are the prescriber's side.
/// </summary>
public static class PrescriptionStatuses
{
    /// <summary>Being written by the prescriber; not visible to the patient or any pharmacy.</summary>
    public const string Draft = "draft";

    /// <summary>Signed and within its validity: may be sent to a pharmacy and dispensed.</summary>
    public const string Active = "active";

    /// <summary>Withdrawn by the prescriber after signing (reason recorded); must not be dispensed.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Past <c>ValidUntil</c> (UTC) without being fully dispensed; must not be dispensed.</summary>
    public const string Expired = "expired";
}

/// <summary>
/// A signed prescription as a pharmacy needs it to verify and dispense: the medicine and dosing, the prescriber, the
/// signature's state and the patient reduced to initials and birth year (the most a pharmacy without an integration
/// may see, seed 004). Instants are UTC. <paramref name="Quantity"/> is a count of <paramref name="QuantityUnit"/>
/// (e.g. 2 "packs", 30 "tablets": the formulary's unit, which <see cref="DispenseUnitWords"/> words with a count);
/// <paramref name="Refills"/> is how many further dispensings the prescriber allowed. The clinic's name, the medicine's name,
/// ingredient, form, strength and route and the dosage instructions are worded for the request's reader (<c>Accept-Language</c>:
/// "Амоксициллин 500 мг, капсулы", "внутрь"); English readers get the formulary's words.
/// <paramref name="SignatureValid"/> is the result of verifying the stored document against its detached CMS
/// signature at the moment of the call (a changed byte makes it false).
/// </summary>
public sealed record PrescriptionForDispensing(
    Guid PrescriptionId,
    string VerificationCode,
    Guid ClinicId,
    string ClinicName,
    Guid PatientId,
    string PatientInitials,
    int PatientBirthYear,
    Guid PrescriberUserId,
    string PrescriberName,
    string MedicineName,
    string ActiveIngredient,
    string Form,
    string Strength,
    string Route,
    string DosageInstructions,
    int Quantity,
    string QuantityUnit,
    int Refills,
    DateTime IssuedAt,
    DateTime ValidUntil,
    string Status,
    bool SignatureValid,
    string? SignerCertificateSerial);

/// <summary>
/// The clinical module's face for pharmacies (the pharmacy module and the public verification page). Only signed
/// prescriptions are returned (drafts are null). Each call that returns one records an audit entry of the read under the
/// caller's audit scope; the caller decides who may ask (a pharmacist of the pharmacy it was sent to, or one presenting
/// the QR code's verification code).
/// </summary>
public interface IPrescriptionsForDispensing
{
    /// <summary>The signed prescription with this id, or null when there is none (or it is a draft).</summary>
    Task<PrescriptionForDispensing?> FindAsync(Guid prescriptionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The signed prescription whose QR code carries <paramref name="verificationCode"/> (case-insensitive, unguessable,
    /// no PHI), or null.
    /// </summary>
    Task<PrescriptionForDispensing?> FindByVerificationCodeAsync(string verificationCode, CancellationToken cancellationToken = default);
}

/// <summary>A prescription was signed (UTC) and became active. Ids only.</summary>
public sealed record PrescriptionSigned(Guid PrescriptionId, Guid ConsultationId, Guid PatientId, Guid PrescriberUserId, DateTime SignedAt) : IntegrationEvent, IDomainEvent;
