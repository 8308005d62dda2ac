using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Records.Contracts;

namespace Telemed.Modules.Records.Documents;

/// <summary>The stable problem codes of the documents endpoints.</summary>
internal static class DocumentErrors
{
    public static readonly Error FileMissing = Error.Validation("records.file_missing", "Choose a file to upload (form field 'file').");
    public static readonly Error Unsupported = new("records.unsupported_type", "Only PDF documents and JPEG or PNG images can be uploaded.", ErrorKind.UnsupportedMediaType);
    public static readonly Error InvalidType = Error.Validation("records.invalid_document_type", $"The document type is one of: {string.Join(", ", DocumentTypes.All)}.");
    public static readonly Error InvalidDate = Error.Validation("records.invalid_document_date", "The document date is a date (yyyy-MM-dd) not in the future and not before 1900.");
    public static readonly Error DescriptionTooLong = Error.Validation("records.description_too_long", $"The description is at most {PatientDocument.MaxDescriptionLength} characters.");
    public static readonly Error InvalidSharing = Error.Validation("records.invalid_sharing", "Share with 'care_team', 'private', or 'doctor' together with a doctor's user id.");
    public static readonly Error NotFound = new("records.document_not_found", "There is no such document.", ErrorKind.NotFound);
    public static readonly Error PendingScan = Error.Conflict("records.document_pending_scan", "The document is still being checked by the virus scanner.");
    public static readonly Error Rejected = new("records.document_rejected", "The virus scanner refused this document; it cannot be opened.", ErrorKind.Gone);

    public static Error TooLarge(long max) => new("records.file_too_large", $"The file is larger than {max / (1024 * 1024)} MB.", ErrorKind.PayloadTooLarge);
}
