using Telemed.BuildingBlocks.Events;

namespace Telemed.Modules.Pharmacy.Contracts;

/// <summary>
/// Where a prescription stands at the pharmacy (the prescriber's own status is in Clinical.Contracts'
/// <c>PrescriptionStatuses</c>). A prescription never sent and never dispensed has no dispensing status at all.
/// </summary>
public static class DispensingStatuses
{
    /// <summary>The patient chose a pharmacy; nothing is dispensed yet (the patient may still choose another).</summary>
    public const string Sent = "sent";

    /// <summary>Some, not all, of the prescribed quantity was handed over; the rest may follow.</summary>
    public const string PartiallyDispensed = "partiallyDispensed";

    /// <summary>The whole prescribed quantity was handed over; nothing more may be dispensed.</summary>
    public const string Dispensed = "dispensed";

    /// <summary>A pharmacist declined to dispense (reason recorded, encrypted); the patient may send it elsewhere.</summary>
    public const string Declined = "declined";
}

/// <summary>
/// A prescription's dispensing state: <paramref name="Status"/> one of <see cref="DispensingStatuses"/>; the pharmacy it
/// was sent to or last dispensed at (null when none); quantities are counts of the prescription's quantity unit;
/// <paramref name="UpdatedAt"/> is UTC.
/// </summary>
public sealed record DispensingStatusView(Guid PrescriptionId, string Status, Guid? PharmacyId, string? PharmacyName, int QuantityDispensed,
    int QuantityPrescribed, DateTime UpdatedAt);

/// <summary>The pharmacy module's face for the patient's prescription list and the public verification page.</summary>
public interface IDispensingStatus
{
    /// <summary>
    /// The dispensing state of each of <paramref name="prescriptionIds"/> that has one (never sent and never dispensed
    /// ones are absent from the result). The caller has already decided the asker may see these prescriptions.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, DispensingStatusView>> GetAsync(IReadOnlyCollection<Guid> prescriptionIds, CancellationToken cancellationToken = default);
}

/// <summary>
/// A pharmacy to create when missing (demo seeding): latitude −90..90 and longitude −180..180 in decimal degrees (WGS 84),
/// opening hours as short free text (e.g. "Mon–Fri 08:00–21:00, Sat–Sun 09:00–18:00").
/// </summary>
public sealed record NewPharmacy(string Name, string Address, string City, double Latitude, double Longitude, string Phone, string OpeningHours);

/// <summary>The pharmacy module's facade for the host (demo seeding).</summary>
public interface IPharmacyModule
{
    /// <summary>The id of the pharmacy with this name and address, created if missing.</summary>
    Task<Guid> EnsurePharmacyAsync(NewPharmacy pharmacy, CancellationToken cancellationToken = default);

    /// <summary>Makes the (Pharmacist-role) account a member of the pharmacy, replacing any other membership.</summary>
    Task EnsurePharmacistAsync(Guid userId, Guid pharmacyId, CancellationToken cancellationToken = default);
}

/// <summary>A patient sent a prescription to a pharmacy (UTC). Ids only.</summary>
public sealed record PrescriptionSentToPharmacy(Guid PrescriptionId, Guid PharmacyId, Guid PatientId, Guid PrescriberUserId, DateTime SentAt)
    : IntegrationEvent, IDomainEvent;

/// <summary>
/// A pharmacist handed over medicine (UTC): <paramref name="Completeness"/> is <c>full</c> (nothing remains) or
/// <c>partial</c>; <paramref name="Quantity"/> this time, <paramref name="QuantityDispensedInTotal"/> so far, of
/// <paramref name="QuantityPrescribed"/> (counts of the prescription's unit). Ids and counts only.
/// </summary>
public sealed record PrescriptionDispensed(Guid PrescriptionId, Guid PharmacyId, Guid PatientId, Guid PrescriberUserId, string Completeness, int Quantity,
    int QuantityDispensedInTotal, int QuantityPrescribed, DateTime DispensedAt) : IntegrationEvent, IDomainEvent;

/// <summary>A pharmacist declined to dispense (UTC). The reason stays in the pharmacy module (encrypted); ids only here.</summary>
public sealed record PrescriptionDeclined(Guid PrescriptionId, Guid PharmacyId, Guid PatientId, Guid PrescriberUserId, DateTime DeclinedAt)
    : IntegrationEvent, IDomainEvent;
