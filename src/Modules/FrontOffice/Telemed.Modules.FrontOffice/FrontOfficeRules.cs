using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.FrontOffice;

/// <summary>
/// The front office's business rules, each a sentence; they return the error to report, or null when the rule holds.
/// </summary>
internal static class FrontOfficeRules
{
    /// <summary>Longest clinic message, in characters: a note, not a document.</summary>
    public const int MaxMessageLength = 4000;

    /// <summary>Oldest plausible patient, in years (a typo such as 1825 is caught; the oldest verified human lived 122 years).</summary>
    public const int MaxAgeYears = 125;

    public static readonly Error EmptyMessage = Error.Validation("front_office.empty_message", "Write a message.");
    public static readonly Error MessageTooLong = Error.Validation("front_office.message_too_long", $"Keep a message under {MaxMessageLength} characters.");
    public static readonly Error BirthDateInTheFuture = Error.Validation("front_office.birth_date_in_the_future", "The date of birth cannot be in the future.");
    public static readonly Error BirthDateTooLongAgo = Error.Validation("front_office.birth_date_implausible", $"The date of birth is more than {MaxAgeYears} years ago; check it.");
    public static readonly Error AlreadyResolved = Error.Conflict("front_office.flag_already_resolved", "This review request was already resolved.");
    public static readonly Error NotYourFlag = new("front_office.flag_not_found", "There is no such review request.", ErrorKind.NotFound);

    /// <summary>A message has some text and fits the limit (whitespace alone is empty).</summary>
    public static Error? AMessageMustHaveTextWithinTheLimit(string? body) =>
        string.IsNullOrWhiteSpace(body) ? EmptyMessage : body.Length > MaxMessageLength ? MessageTooLong : null;

    /// <summary>A patient is born on or before today (the clinic's today, UTC date) and within the last <see cref="MaxAgeYears"/> years.</summary>
    public static Error? APatientIsBornInThePlausiblePast(DateOnly dateOfBirth, DateOnly today) =>
        dateOfBirth > today ? BirthDateInTheFuture : dateOfBirth < today.AddYears(-MaxAgeYears) ? BirthDateTooLongAgo : null;

    /// <summary>A review request is resolved once, by the doctor it was addressed to (anyone else is told it does not exist).</summary>
    public static Error? OnlyTheAddressedDoctorResolvesAnOpenFlag(Guid addressedDoctorUserId, Guid callerUserId, DateTime? resolvedAt) =>
        addressedDoctorUserId != callerUserId ? NotYourFlag : resolvedAt is not null ? AlreadyResolved : null;
}
