using System.Globalization;
using Hl7.Fhir.Model;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>
/// The doctors' bookable times (Scheduling) as Slots of a <see cref="ScheduleProvider"/> Schedule: free or busy, start and end (UTC),
/// the visit kind as appointmentType text. Directory data, not patient data: a busy slot never says who holds it. Id:
/// <c>{doctorId:N}-{yyyyMMddHHmm UTC start}-{v|p|c}</c> (video, in person, chat), parsed back on read. A search covers a bounded window
/// (<see cref="Window"/>): from its <c>start</c> lower bound, else now, to its upper bound, else 14 days later. A window longer than 62
/// days is refused (400 <c>fhir.invalid_parameter</c>), and so is one whose slots are more than <see cref="CandidateLimit"/>
/// (400 <c>fhir.too_costly</c>: name a schedule or a shorter window), never cut short.
/// </summary>
internal sealed class SlotProvider(IScheduleSlots slots, TimeProvider clock) : IFhirResourceProvider
{
    public const int DefaultWindowDays = 14;
    public const int MaxWindowDays = 62;

    /// <summary>
    /// The most slots one search considers: every slot of one schedule over the longest window (a 15-minute slot of each of the three
    /// visit kinds around the clock for 62 days is 17 856) fits, so a search naming a schedule is always answered whole.
    /// </summary>
    public int CandidateLimit => 20_000;

    public string ResourceType => "Slot";
    public bool IsPatientData => false;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("schedule", SearchParamType.Reference, "The doctor's schedule at a clinic (Schedule/{id}).", r => FhirRefs.References(((Slot)r).Schedule))
            { Definition = "http://hl7.org/fhir/SearchParameter/Slot-schedule" },
        new("start", SearchParamType.Date, "When the slot starts; bounds the window searched (default: the next 14 days, at most 62).",
            r => ((Slot)r).Start is { } s ? [new FhirPeriod(s, s)] : []) { Definition = "http://hl7.org/fhir/SearchParameter/Slot-start" },
        new("status", SearchParamType.Token, "free or busy.", r => ((Slot)r).Status is { } s
            ? [new FhirToken("http://hl7.org/fhir/slotstatus", Hl7.Fhir.Utility.EnumUtility.GetLiteral(s)!)] : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/Slot-status" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct)
    {
        // A slot id names a bookable time, so one in the calendar's last year names none (and its minute would end past DateTime.MaxValue).
        if (ParseId(id) is not var (doctorId, start, kind) || start.Year > FhirSearchMatcher.MaxYear)
        {
            return null;
        }

        var found = (await slots.SlotsAsync([doctorId], start, start.AddMinutes(1), 10, ct)).FirstOrDefault(s => s.Start == start && s.Kind == kind);
        return found is null ? null : new FhirFound(Map(found, clock.GetUtcNow()), null);
    }

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct)
    {
        var (from, to) = Window(search, clock.GetUtcNow());
        var doctors = DoctorsNamed(search);
        var now = clock.GetUtcNow();
        return [.. (await slots.SlotsAsync(doctors, from.UtcDateTime, to.UtcDateTime, CandidateLimit + 1, ct)).Select(s => (Resource)Map(s, now))];
    }

    /// <summary>A window longer than <see cref="MaxWindowDays"/> is refused rather than silently shortened.</summary>
    public Telemed.BuildingBlocks.Results.Error? Refuse(FhirSearch search)
    {
        var (from, to) = Window(search, clock.GetUtcNow(), clamp: false);
        return to - from > TimeSpan.FromDays(MaxWindowDays)
            ? Telemed.BuildingBlocks.Results.Error.Validation("fhir.invalid_parameter",
                $"A Slot search covers at most {MaxWindowDays} days: give start=ge… and start=le… at most {MaxWindowDays} days apart.")
            : null;
    }

    /// <summary>
    /// The window a search covers: from the latest lower bound of its <c>start</c> criteria (<c>ge</c>, <c>gt</c>, <c>eq</c>; a date covers its whole day) or
    /// <paramref name="now"/>, to the earliest upper bound (<c>le</c>, <c>lt</c>, <c>eq</c>) or 14 days after the start, at most 62 days.
    /// Values that cannot be read are left to the matcher, which refuses them.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) Window(FhirSearch search, DateTimeOffset now, bool clamp = true)
    {
        DateTimeOffset? from = null, to = null;
        foreach (var value in search.ValuesOf("start").Where(v => !v.Contains(',', StringComparison.Ordinal)))
        {
            var prefix = value.Length > 2 && char.IsLetter(value[0]) && char.IsLetter(value[1]) ? value[..2] : "eq";
            if (FhirSearchMatcher.ParseRange(prefix == "eq" && !char.IsLetter(value[0]) ? value : value[2..]) is not var (lo, hi))
            {
                continue;
            }

            if (prefix is "ge" or "gt" or "eq")
            {
                var bound = prefix == "gt" ? hi : lo;
                from = from is { } f && f > bound ? f : bound;
            }

            if (prefix is "le" or "lt" or "eq")
            {
                var bound = prefix == "lt" ? lo : hi;
                to = to is { } t && t < bound ? t : bound;
            }
        }

        var start = from ?? now;
        var end = to ?? start.AddDays(DefaultWindowDays);
        return (start, clamp && end > start.AddDays(MaxWindowDays) ? start.AddDays(MaxWindowDays) : end);
    }

    /// <summary>The doctors of the schedules named by the first <c>schedule</c> criterion (null: every doctor).</summary>
    private static HashSet<Guid>? DoctorsNamed(FhirSearch search)
    {
        if (search.ValuesOf("schedule").FirstOrDefault() is not { } first)
        {
            return null;
        }

        return [.. first.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v[(v.LastIndexOf('/') + 1)..]).Where(v => v.Length == 64 && Guid.TryParseExact(v[..32], "N", out _))
            .Select(v => Guid.ParseExact(v[..32], "N"))];
    }

    private static readonly Dictionary<AppointmentKind, string> KindLetters = new() { [AppointmentKind.Video] = "v", [AppointmentKind.InPerson] = "p", [AppointmentKind.Chat] = "c" };

    public static string IdOf(ScheduleSlot slot) =>
        $"{slot.DoctorId:N}-{slot.Start.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}-{KindLetters[slot.Kind]}";

    public static (Guid DoctorId, DateTime Start, AppointmentKind Kind)? ParseId(string id)
    {
        var parts = id.Split('-');
        return parts.Length == 3 && Guid.TryParseExact(parts[0], "N", out var doctorId)
            && DateTime.TryParseExact(parts[1], "yyyyMMddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start)
            && KindLetters.FirstOrDefault(k => k.Value == parts[2]) is { Value: not null } kind
            ? (doctorId, start, kind.Key) : null;
    }

    public static Slot Map(ScheduleSlot slot, DateTimeOffset generatedAt) => new()
    {
        Id = IdOf(slot),
        // Slots are computed from the weekly hours and the held time at each request; lastUpdated says when this one was.
        Meta = new Meta { LastUpdated = generatedAt },
        Schedule = new ResourceReference($"Schedule/{ScheduleProvider.IdOf(slot.DoctorId, slot.ClinicId)}"),
        Status = slot.Busy ? Slot.SlotStatus.Busy : Slot.SlotStatus.Free,
        AppointmentType = new CodeableConcept { Text = slot.Kind switch { AppointmentKind.InPerson => "inPerson", AppointmentKind.Chat => "chat", _ => "video" } },
        StartElement = new Instant(FhirValues.Utc(slot.Start)),
        EndElement = new Instant(FhirValues.Utc(slot.End)),
    };
}
