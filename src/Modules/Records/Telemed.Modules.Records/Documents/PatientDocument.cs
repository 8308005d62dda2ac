using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Records.Contracts;

namespace Telemed.Modules.Records.Documents;

/// <summary>
/// A document a patient uploaded to their record (an analysis, an image, a discharge summary…). The bytes live encrypted in
/// the file store; the description and file name are encrypted columns. It starts in quarantine (<c>pending_scan</c>) and
/// only the virus scanner moves it on: to <c>available</c>, or to <c>rejected</c> for good.
/// </summary>
internal sealed class PatientDocument : IPhiRecord
{
    public const int MaxDescriptionLength = 500;
    public const string RecordType = "PatientDocument";

    private PatientDocument()
    {
    }

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid UploaderUserId { get; private set; }
    public string Type { get; private set; } = DocumentTypes.Other;
    public DateOnly DocumentDate { get; private set; }
    public string Description { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string Status { get; private set; } = DocumentStatuses.PendingScan;
    public string? ScanDetail { get; private set; }
    public DateTime UploadedAt { get; private set; }
    public DateTime? ScannedAt { get; private set; }
    public string Sharing { get; private set; } = DocumentSharing.CareTeam;
    public Guid? SharedWithDoctorUserId { get; private set; }
    public int Version { get; private set; }

    public string AuditRecordType => RecordType;
    public Guid AuditRecordId => Id;
    public string StorageKey => $"records/{Id:N}";

    public bool IsReadable => Status == DocumentStatuses.Available;

    public static PatientDocument Upload(Guid patientId, Guid uploaderUserId, string type, DateOnly documentDate, string description, string fileName,
        string contentType, long size, DocumentShare share, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), PatientId = patientId, UploaderUserId = uploaderUserId, Type = type, DocumentDate = documentDate,
        Description = description, FileName = fileName, ContentType = contentType, Size = size, UploadedAt = now,
        Sharing = share.Sharing, SharedWithDoctorUserId = share.DoctorUserId,
    };

    /// <summary>The scanner's verdict; only a document still in quarantine takes one (a rejected file never comes back).</summary>
    public bool TakeVerdict(bool clean, string detail, DateTime now)
    {
        if (Status != DocumentStatuses.PendingScan)
        {
            return false;
        }

        Status = clean ? DocumentStatuses.Available : DocumentStatuses.Rejected;
        ScanDetail = detail.Length > 200 ? detail[..200] : detail;
        ScannedAt = now;
        Version++;
        return true;
    }

    public void ShareAs(DocumentShare share)
    {
        Sharing = share.Sharing;
        SharedWithDoctorUserId = share.DoctorUserId;
        Version++;
    }

    /// <summary>Whether a doctor may open it: it passed the scan, and it is shared with them by name, or with the care team and they are on it.</summary>
    public bool IsVisibleToDoctor(Guid doctorUserId, bool hasCareAccess) =>
        IsReadable && Sharing switch
        {
            DocumentSharing.Doctor => SharedWithDoctorUserId == doctorUserId,
            DocumentSharing.CareTeam => hasCareAccess,
            _ => false,
        };
}

/// <summary>How a document is shared: <see cref="DocumentSharing"/> and, for <c>doctor</c>, the doctor's user id.</summary>
internal sealed record DocumentShare(string Sharing, Guid? DoctorUserId)
{
    /// <summary>A share that reads as intended: a named doctor only with <c>doctor</c>, and always one then; null otherwise.</summary>
    public static DocumentShare? From(string? sharing, Guid? doctorUserId) => (sharing ?? DocumentSharing.CareTeam) switch
    {
        DocumentSharing.Doctor when doctorUserId is { } id && id != Guid.Empty => new(DocumentSharing.Doctor, id),
        DocumentSharing.CareTeam when doctorUserId is null => new(DocumentSharing.CareTeam, null),
        DocumentSharing.Private when doctorUserId is null => new(DocumentSharing.Private, null),
        _ => null,
    };
}
