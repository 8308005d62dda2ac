namespace Telemed.Modules.Records.Contracts;

/// <summary>What a patient's document is (the <c>type</c> of an upload), as sent and stored.</summary>
public static class DocumentTypes
{
    public const string LabResult = "lab_result";
    public const string Imaging = "imaging";
    public const string DischargeSummary = "discharge_summary";
    public const string Referral = "referral";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [LabResult, Imaging, DischargeSummary, Referral, Other];
}

/// <summary>
/// A document's scan state: <c>pending_scan</c> (in quarantine, never downloadable), <c>available</c> (the scanner said
/// clean), <c>rejected</c> (the scanner found a signature; never readable again).
/// </summary>
public static class DocumentStatuses
{
    public const string PendingScan = "pending_scan";
    public const string Available = "available";
    public const string Rejected = "rejected";
}

/// <summary>Who besides the patient sees a document: nobody, every doctor with a care relationship, or one named doctor.</summary>
public static class DocumentSharing
{
    public const string Private = "private";
    public const string CareTeam = "care_team";
    public const string Doctor = "doctor";

    public static readonly IReadOnlyList<string> All = [Private, CareTeam, Doctor];
}

/// <summary>One of a patient's readable documents for other modules (FHIR DocumentReference, privacy export). Dates: UTC instants; <see cref="DocumentDate"/> is the date printed on it.</summary>
public sealed record PatientDocumentSummary(Guid Id, Guid PatientId, string Type, DateOnly DocumentDate, string Description, string ContentType, long Size,
    string FileName, DateTime UploadedAt);

/// <summary>The records module's face to other modules.</summary>
public interface IRecordsModule
{
    /// <summary>The patient's documents that passed the virus scan (available), newest document date first. No access check: the caller has made it.</summary>
    Task<IReadOnlyList<PatientDocumentSummary>> AvailableDocumentsOfAsync(Guid patientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The patient's clean documents a doctor may open on the REST API's sharing rule, given that the caller has already found a care
    /// relationship (or break-glass) between them: shared with the care team, or with this doctor (<paramref name="doctorUserId"/>, a user
    /// id) by name. Private documents and documents shared with another doctor are left out. Newest document date first. No access check.
    /// </summary>
    Task<IReadOnlyList<PatientDocumentSummary>> DocumentsSharedWithDoctorAsync(Guid patientId, Guid doctorUserId, CancellationToken cancellationToken = default);

    /// <summary>One document by id if it passed the virus scan (available), else null (quarantined, rejected or unknown). No access check.</summary>
    Task<PatientDocumentSummary?> AvailableDocumentAsync(Guid documentId, CancellationToken cancellationToken = default);
}

/// <summary>One uploaded document's file for the patient's data export: the stored file name, its content type and the plaintext bytes.</summary>
public sealed record PatientDocumentFile(Guid Id, string FileName, string ContentType, DateOnly DocumentDate, byte[] Content);

/// <summary>
/// What the records module does for the Privacy module (data export and erasure requests, docs/privacy.md). Additive to
/// <see cref="IRecordsModule"/> so that module facades stay small. No access check: the caller has made it.
/// </summary>
public interface IRecordsPrivacy
{
    /// <summary>The files of the patient's documents that passed the virus scan (each load is an audited PHI read); missing files are skipped.</summary>
    Task<IReadOnlyList<PatientDocumentFile>> AvailableDocumentFilesOfAsync(Guid patientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases every document the patient uploaded (any scan state): the encrypted file and the row go, each deletion audited as a PHI
    /// write. Uploads are the patient's own material, not part of the clinical record (protocols, prescriptions and lab results live in
    /// their own modules). Idempotent: a second call finds nothing and answers 0. Returns how many documents were erased.
    /// </summary>
    Task<int> EraseUploadedDocumentsAsync(Guid patientId, CancellationToken cancellationToken = default);
}
