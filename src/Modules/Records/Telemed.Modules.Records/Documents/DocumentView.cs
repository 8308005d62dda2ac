using FluentValidation;

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

/// <summary>
/// Body of PUT /me/record/documents/{id}/sharing: <c>sharing</c> is private | care_team | doctor (then <c>doctorUserId</c>, otherwise
/// absent or null). <c>sharing</c> is required: left out or null it is 400 <c>validation.failed</c> naming it, never read as
/// <c>care_team</c> (that would show a private document to the care team).
/// </summary>
public sealed record ChangeSharingRequest(string Sharing, Guid? DoctorUserId);

/// <summary>The sharing choice must be given; what it may be is <see cref="DocumentShare.From"/>'s (records.invalid_sharing).</summary>
internal sealed class ChangeSharingRequestValidator : AbstractValidator<ChangeSharingRequest>
{
    public ChangeSharingRequestValidator() => RuleFor(r => r.Sharing).NotNull();
}
