namespace Telemed.Modules.Records.Documents;

/// <summary>
/// A document as its reader sees it. <c>status</c>: pending_scan | available | rejected; <c>documentDate</c>: the date on the
/// document (yyyy-MM-dd); <c>uploadedAt</c>: UTC instant; <c>size</c>: bytes. <c>sharing</c> and <c>sharedWithDoctorUserId</c>
/// are shown to the patient only (null for doctors).
/// </summary>
public sealed record DocumentView(Guid Id, string Type, DateOnly DocumentDate, string Description, string FileName, string ContentType, long Size,
    string Status, DateTime UploadedAt, string? Sharing, Guid? SharedWithDoctorUserId)
{
    internal static DocumentView ForPatient(PatientDocument d) =>
        new(d.Id, d.Type, d.DocumentDate, d.Description, d.FileName, d.ContentType, d.Size, d.Status, d.UploadedAt, d.Sharing, d.SharedWithDoctorUserId);

    internal static DocumentView ForDoctor(PatientDocument d) =>
        new(d.Id, d.Type, d.DocumentDate, d.Description, d.FileName, d.ContentType, d.Size, d.Status, d.UploadedAt, null, null);
}

/// <summary>Body of PUT /me/record/documents/{id}/sharing: <c>sharing</c> is private | care_team | doctor (then <c>doctorUserId</c>).</summary>
public sealed record ChangeSharingRequest(string? Sharing, Guid? DoctorUserId);
