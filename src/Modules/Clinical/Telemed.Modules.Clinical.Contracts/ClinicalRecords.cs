namespace Telemed.Modules.Clinical.Contracts;

/// <summary>
/// A diagnosis of a signed protocol: the ICD-10 <paramref name="Code"/> and its title, <paramref name="Role"/> "primary" or
/// "secondary", <paramref name="Certainty"/> "preliminary" or "confirmed" (as the doctor recorded it).
/// </summary>
public sealed record SignedDiagnosis(string Code, string Title, string Role, string Certainty);

/// <summary>
/// A signature as stored: when (UTC), the signer's user id and name as signed, and the detached CMS signature (DER, base64) over
/// the document's canonical form; <see cref="Format"/> is its MIME type (<c>application/pkcs7-signature</c>).
/// </summary>
public sealed record StoredSignature(DateTime SignedAt, Guid SignerUserId, string SignerName, string Data)
{
    /// <summary>The MIME type of <see cref="Data"/>: a detached CMS (PKCS #7) signature.</summary>
    public string Format => "application/pkcs7-signature";
}

/// <summary>
/// A signed visit protocol as a structured record: ids, its diagnoses in order (the position is stable: a signed protocol never
/// changes), the signature, and when it last changed (UTC; signing is the last change).
/// </summary>
public sealed record SignedProtocolRecord(Guid ProtocolId, Guid ConsultationId, Guid PatientId, Guid DoctorUserId, IReadOnlyList<SignedDiagnosis> Diagnoses,
    StoredSignature Signature, DateTime UpdatedAt);

/// <summary>
/// A signed prescription as a structured record. <paramref name="Status"/> is a <see cref="PrescriptionStatuses"/> value at the
/// moment of the call (an active one past its validity is <c>expired</c>). The medicine: the formulary's own code, its name and
/// the ATC code (empty when the formulary has none). <paramref name="Quantity"/> is a count of <paramref name="QuantityUnit"/>;
/// <paramref name="Refills"/> further dispensings. Instants UTC; <paramref name="UpdatedAt"/> the last change (signing or cancelling).
/// </summary>
public sealed record SignedPrescriptionRecord(Guid PrescriptionId, Guid ConsultationId, Guid PatientId, Guid PrescriberUserId, string Status,
    string MedicineCode, string MedicineName, string AtcCode, string DosageText, int Quantity, string QuantityUnit, int Refills,
    DateTime? ValidUntil, DateTime? CancelledAt, StoredSignature Signature, DateTime UpdatedAt);

/// <summary>
/// The clinical module's signed records of patients as structured data (for the FHIR API). Drafts are never returned. No access
/// check: the caller has made it; every record loaded is audited as a PHI read by the clinical module's DbContext.
/// </summary>
public interface IClinicalRecords
{
    /// <summary>The signed protocols of these patients (any order).</summary>
    Task<IReadOnlyList<SignedProtocolRecord>> SignedProtocolsOfAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken = default);

    /// <summary>The signed protocol with this id, or null (none, or a draft).</summary>
    Task<SignedProtocolRecord?> FindSignedProtocolAsync(Guid protocolId, CancellationToken cancellationToken = default);

    /// <summary>The signed prescriptions of these patients (any order).</summary>
    Task<IReadOnlyList<SignedPrescriptionRecord>> SignedPrescriptionsOfAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken = default);

    /// <summary>The signed prescription with this id, or null (none, or a draft).</summary>
    Task<SignedPrescriptionRecord?> FindSignedPrescriptionAsync(Guid prescriptionId, CancellationToken cancellationToken = default);
}
