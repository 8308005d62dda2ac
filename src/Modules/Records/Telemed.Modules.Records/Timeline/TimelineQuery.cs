using System.Globalization;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Records.Timeline;

/// <summary>
/// What goes on the record timeline. <c>lab_result</c> entries come from the Labs module's reports (<see cref="LabResultEntries"/>):
/// released ones for the patient, every one for a doctor with a care relationship.
/// </summary>
public static class TimelineKinds
{
    public const string Consultation = "consultation";
    public const string Conversation = "conversation";
    public const string Protocol = "protocol";
    public const string Diagnosis = "diagnosis";
    public const string Prescription = "prescription";
    public const string Document = "document";
    public const string LabResult = "lab_result";

    public static readonly IReadOnlyList<string> All = [Consultation, Conversation, Protocol, Diagnosis, Prescription, Document, LabResult];
}

/// <summary>
/// One entry: <c>kind</c> (<see cref="TimelineKinds"/>), the id of the thing it shows (a diagnosis shows its protocol's id),
/// <c>occurredAt</c> (UTC instant), a title, an optional detail line and the thing's own status.
/// </summary>
public sealed record TimelineEntry(string Kind, Guid Id, DateTime OccurredAt, string Title, string? Detail, string Status);

/// <summary>A page of the timeline, newest first; <c>breakGlass</c> is true when the reader sees it through an emergency (break-glass) grant.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Items, int Total, int Page, int PageSize, bool BreakGlass);

/// <summary>
/// The timeline's filter, from the query string: <c>kind</c> (comma-separated <see cref="TimelineKinds"/>; none: all),
/// <c>from</c>/<c>to</c> (ISO 8601 dates or instants, UTC; <c>to</c> as a date includes that whole day), <c>page</c> (from 1),
/// <c>pageSize</c> (1–100, default 20). Errors: records.invalid_kind, records.invalid_range, validation.failed naming <c>page</c> or
/// <c>pageSize</c> (the paging rule of every list, <see cref="PageRequest.FieldErrors"/>) (400).
/// </summary>
internal sealed record TimelineQuery(IReadOnlySet<string> Kinds, DateTime? From, DateTime? To, int Page, int PageSize)
{
    public static readonly Error InvalidKind = Error.Validation("records.invalid_kind", $"kind is a comma-separated list of: {string.Join(", ", TimelineKinds.All)}.");
    public static readonly Error InvalidRange = Error.Validation("records.invalid_range", "from and to are ISO 8601 dates or UTC instants, from not after to.");

    public static Result<TimelineQuery> Parse(string? kind, string? from, string? to, int? page, int? pageSize)
    {
        var kinds = (kind ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (kinds.Any(k => !TimelineKinds.All.Contains(k, StringComparer.Ordinal)))
        {
            return InvalidKind;
        }

        if (!TryInstant(from, endOfDay: false, out var fromAt) || !TryInstant(to, endOfDay: true, out var toAt) || (fromAt is { } f && toAt is { } t && f > t))
        {
            return InvalidRange;
        }

        if (PageRequest.FieldErrors(page, pageSize) is { } paging)
        {
            return Error.ValidationFailed(paging);
        }

        return new TimelineQuery(kinds, fromAt, toAt, page ?? 1, pageSize ?? 20);
    }

    /// <summary>Whether an entry passes the kind and date filter.</summary>
    public bool Includes(TimelineEntry entry) =>
        (Kinds.Count == 0 || Kinds.Contains(entry.Kind)) && (From is not { } f || entry.OccurredAt >= f) && (To is not { } t || entry.OccurredAt <= t);

    /// <summary>The page of the filtered entries, newest first (ties: by kind and id, so pages never overlap).</summary>
    public TimelinePage PageOf(IEnumerable<TimelineEntry> entries, bool breakGlass)
    {
        var filtered = entries.Where(Includes).OrderByDescending(e => e.OccurredAt).ThenBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Id).ToList();
        return new TimelinePage([.. filtered.Skip(PageRequest.SkipOf(Page, PageSize)).Take(PageSize)], filtered.Count, Page, PageSize, breakGlass);
    }

    private static bool TryInstant(string? text, bool endOfDay, out DateTime? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            instant = date.ToDateTime(endOfDay ? TimeOnly.MaxValue : TimeOnly.MinValue, DateTimeKind.Utc);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at.Year is >= 1900 and <= 9998)
        {
            instant = at.UtcDateTime;
            return true;
        }

        return false;
    }
}
