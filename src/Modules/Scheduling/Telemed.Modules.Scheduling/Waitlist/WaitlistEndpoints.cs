using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Waitlist;

public sealed record JoinWaitlistRequest(Guid? DoctorId, string? Specialty, AppointmentKind Kind, DateOnly From, DateOnly To);
public sealed record OfferView(Guid Id, DateTime Start, DateTime End, Guid DoctorId, string DoctorName, Guid ClinicId, string ClinicName, string ClinicTimeZone,
    string ClinicLocal, DateTime ExpiresAt);
public sealed record WaitlistEntryView(Guid Id, Guid? DoctorId, string? DoctorName, string? Specialty, string Kind, DateOnly From, DateOnly To, string Status, OfferView? Offer);

internal sealed class JoinWaitlistRequestValidator : AbstractValidator<JoinWaitlistRequest>
{
    /// <summary>The furthest a wait may start: no doctor's booking horizon reaches beyond a year.</summary>
    public const int MaxDaysAhead = 366;

    public JoinWaitlistRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.DoctorId).NotEqual(Guid.Empty).When(r => r.DoctorId is not null).WithMessage("Choose a doctor.");
        // Only a specialty the directory knows can ever be offered (any letter case: it is stored as the code).
        RuleFor(r => r.Specialty).MaximumLength(100).Must(s => SpecialtyCodes.Normalise(s) is not null)
            .When(r => r.DoctorId is null && !string.IsNullOrWhiteSpace(r.Specialty))
            .WithMessage("Choose a known specialty.");
        // Yesterday is allowed for clinics west of UTC; year 1 or 9999 is a client bug, not a wait.
        RuleFor(r => r.From).Must(d => IsWithinWaitingRange(d, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
            .WithMessage($"Start waiting from today up to {MaxDaysAhead} days ahead.");
        RuleFor(r => r).Must(r => (r.DoctorId is not null) ^ !string.IsNullOrWhiteSpace(r.Specialty)).WithName("doctorId")
            .WithMessage("Choose a doctor or a specialty.");
        RuleFor(r => r.Kind).IsDefinedEnum();
        RuleFor(r => r.To).GreaterThanOrEqualTo(r => r.From).WithMessage("The last day must be on or after the first.")
            .Must((r, to) => to.DayNumber - r.From.DayNumber <= 90).WithMessage("Wait for at most 90 days at a time.");
    }

    /// <summary>From yesterday (UTC) to <see cref="MaxDaysAhead"/> days after today.</summary>
    public static bool IsWithinWaitingRange(DateOnly from, DateOnly todayUtc) =>
        from.DayNumber >= todayUtc.DayNumber - 1 && from.DayNumber <= todayUtc.DayNumber + MaxDaysAhead;
}

internal static class WaitlistEndpoints
{
    public static void MapWaitlistEndpoints(this IEndpointRouteBuilder scheduling)
    {
        var waitlist = scheduling.MapGroup("/waitlist").WithTags("Waitlist").RequireAuthorization(Policies.Patient);
        waitlist.MapPost("", JoinAsync).Validate<JoinWaitlistRequest>().AcceptsIdempotencyKey().WithName("JoinWaitlist");
        waitlist.MapGet("/mine", MineAsync).WithName("ListMyWaitlist");
        waitlist.MapDelete("/{id:guid}", LeaveAsync).WithName("LeaveWaitlist");
        waitlist.MapPost("/offers/{offerId:guid}/accept", AcceptAsync).WithName("AcceptWaitlistOffer");
        waitlist.MapPost("/offers/{offerId:guid}/decline", DeclineAsync).WithName("DeclineWaitlistOffer");
    }

    /// <summary>The operation's name in <c>create_request_keys</c>.</summary>
    public const string JoinOperation = "scheduling.join_waitlist";

    /// <summary>
    /// 201 with the entry; 404 <c>scheduling.patient_not_found</c>, <c>scheduling.doctor_not_found</c>; 409
    /// <c>scheduling.waitlist_duplicate</c> when a waiting entry already covers the wish. With an <c>Idempotency-Key</c> header one
    /// entry per key: the same request sent again (a lost answer, a second click, or twice at once, which the duplicate check alone
    /// let through) is answered 201 with the entry it created; the same key with another body is 422 <c>idempotency.key_reused</c>, a
    /// key over 100 characters 400 <c>idempotency.key_invalid</c> (docs/api-v1.md, "Retrying a create").
    /// </summary>
    private static async Task<Results<Created<WaitlistEntryView>, ProblemHttpResult>> JoinAsync(JoinWaitlistRequest request, HttpRequest http, ICurrentUser user,
        IDirectoryModule directory, ScheduleReader schedules, SchedulingDbContext db, TimeProvider clock, AuditScope audit, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var patientId = await directory.FindPatientIdAsync(me, ct);
        if (patientId is null)
        {
            return Problems.From(SchedulingErrors.PatientNotFound);
        }

        // Before the checks below: a retry is answered with the entry created even should the doctor have left since.
        var claim = await db.ClaimAsync(http, me, JoinOperation, request, clock.GetUtcNow().UtcDateTime, ct);
        if (claim.Answer is { } answer)
        {
            return await AnswerOfAsync(answer, me, db, schedules, directory, clock, ct);
        }

        if (request.DoctorId is { } doctorId && await schedules.DoctorAsync(doctorId, ct) is not { Active: true })
        {
            return Problems.From(SchedulingErrors.DoctorNotFound);
        }

        var entry = new WaitlistEntry
        {
            PatientId = patientId.Value, PatientUserId = me, DoctorId = request.DoctorId, Specialty = request.DoctorId is null ? SpecialtyCodes.Normalise(request.Specialty)! : null,
            Kind = request.Kind, From = request.From, To = request.To, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var waiting = await db.WaitlistEntries.AsNoTracking().Where(e => e.PatientUserId == me && e.Status == WaitlistStatus.Waiting).ToListAsync(ct);
        if (waiting.Any(entry.DuplicatesAWaitingEntry))
        {
            // The duplicate may be this very request's entry, sent twice at once: the other send committed it (and its key) after
            // this one's claim found nothing. Then the answer is that entry, not a conflict.
            if (claim.Key is { } key && await db.EarlierAsync(key, ct) is { } committed)
            {
                return await AnswerOfAsync(committed, me, db, schedules, directory, clock, ct);
            }

            return Problems.From(WaitlistEntry.Duplicate);
        }

        db.WaitlistEntries.Add(entry);
        if (await db.SaveCreatedAsync(claim.Key, entry.Id, ct) is { } raced)
        {
            return await AnswerOfAsync(raced, me, db, schedules, directory, clock, ct);
        }

        audit.Record("waitlist.joined", AuditOutcome.Success, "WaitlistEntry", entry.Id.ToString());
        return TypedResults.Created($"/api/v1/scheduling/waitlist/{entry.Id}", (await ViewsAsync([entry], db, schedules, directory, clock, ct)).Single());
    }

    /// <summary>
    /// The answer to an earlier join with the same key: 201 with the entry it created (as it is now), its key's error (422), or 404
    /// <c>not_found</c> should the entry be gone (the patient's erasure).
    /// </summary>
    private static Task<Results<Created<WaitlistEntryView>, ProblemHttpResult>> AnswerOfAsync(Result<Guid> earlier, Guid me, SchedulingDbContext db,
        ScheduleReader schedules, IDirectoryModule directory, TimeProvider clock, CancellationToken ct) =>
        earlier.AnswerAsync(async id => await db.WaitlistEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.PatientUserId == me, ct) is { } entry
            ? TypedResults.Created($"/api/v1/scheduling/waitlist/{entry.Id}", (await ViewsAsync([entry], db, schedules, directory, clock, ct)).Single())
            : null, Error.NotFound());

    private static async Task<Ok<IReadOnlyList<WaitlistEntryView>>> MineAsync(ICurrentUser user, SchedulingDbContext db, ScheduleReader schedules,
        IDirectoryModule directory, TimeProvider clock, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var entries = await db.WaitlistEntries.AsNoTracking().Where(e => e.PatientUserId == me && e.Status != WaitlistStatus.Left)
            .OrderByDescending(e => e.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(await ViewsAsync(entries, db, schedules, directory, clock, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LeaveAsync(Guid id, ICurrentUser user, SchedulingDbContext db, AuditScope audit, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var entry = await db.WaitlistEntries.SingleOrDefaultAsync(e => e.Id == id && e.PatientUserId == me, ct);
        if (entry is null)
        {
            if (await db.WaitlistEntries.AnyAsync(e => e.Id == id, ct))
            {
                audit.RecordDenied("WaitlistEntry", id, "not the patient's entry");
            }

            return Problems.From(Error.NotFound());
        }

        entry.Leave();
        await db.SaveChangesAsync(ct);
        audit.Record("waitlist.left", AuditOutcome.Success, "WaitlistEntry", id.ToString());
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<AppointmentView>, ProblemHttpResult>> AcceptAsync(Guid offerId, ICurrentUser user, AcceptOffer accept,
        AppointmentViews views, AuditScope audit, CancellationToken ct)
    {
        var result = await accept.RunAsync(offerId, user.RequireUserId(), ct);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error!);
        }

        audit.Record("appointment.booked", AuditOutcome.Success, "Appointment", result.Value.Id.ToString(), "waitlist offer");
        return TypedResults.Created($"/api/v1/scheduling/appointments/{result.Value.Id}", await views.OneAsync(result.Value, false, ct, AppointmentRole.Patient, justBooked: true));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeclineAsync(Guid offerId, ICurrentUser user, DeclineOffer decline, CancellationToken ct)
    {
        var result = await decline.RunAsync(offerId, user.RequireUserId(), ct);
        return result.IsSuccess ? TypedResults.NoContent() : Problems.From(result.Error!);
    }

    private static async Task<IReadOnlyList<WaitlistEntryView>> ViewsAsync(IReadOnlyList<WaitlistEntry> entries, SchedulingDbContext db, ScheduleReader schedules,
        IDirectoryModule directory, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = entries.Select(e => e.Id).ToList();
        var offers = await db.WaitlistOffers.AsNoTracking().Where(o => ids.Contains(o.EntryId) && o.Status == OfferStatus.Offered && o.ExpiresAt > now).ToListAsync(ct);
        var doctors = (await directory.FindDoctorsAsync(new DoctorFilter(ActiveOnly: false), ct)).ToDictionary(d => d.DoctorId);
        var clinics = await schedules.ClinicsAsync(ct);
        return entries.Select(e =>
        {
            var offer = offers.FirstOrDefault(o => o.EntryId == e.Id);
            var clinic = offer is null ? null : clinics.GetValueOrDefault(offer.ClinicId);
            return new WaitlistEntryView(e.Id, e.DoctorId, e.DoctorId is { } d && doctors.TryGetValue(d, out var doc) ? doc.DisplayName : null, e.Specialty,
                AppointmentViews.KindName(e.Kind), e.From, e.To, e.Status.ToString().ToLowerInvariant(),
                offer is null || clinic is null ? null : new OfferView(offer.Id, offer.Start, offer.End, offer.DoctorId,
                    doctors.TryGetValue(offer.DoctorId, out var od) ? od.DisplayName : "", clinic.ClinicId, clinic.Name, clinic.TimeZone,
                    AppointmentViews.Local(offer.Start, clinic.TimeZone), offer.ExpiresAt));
        }).ToList();
    }
}

/// <summary>
/// Freed time goes to the waitlist through the outbox, so an offer is made even if the host stops right after the
/// cancellation; so does the time of an offer withdrawn because its patient booked elsewhere.
/// </summary>
internal sealed class OfferFreedTimeToWaitlist(OfferFreedTime offers) : IIntegrationEventHandler<AppointmentTimeFreed>, IIntegrationEventHandler<WaitlistOfferWithdrawn>
{
    public Task HandleAsync(AppointmentTimeFreed e, CancellationToken cancellationToken) =>
        OfferAsync(e.DoctorId, e.ClinicId, e.Kind, e.Start, e.End, e.BlockedFrom, e.BlockedUntil, cancellationToken);

    public Task HandleAsync(WaitlistOfferWithdrawn e, CancellationToken cancellationToken) =>
        OfferAsync(e.DoctorId, e.ClinicId, Enum.Parse<AppointmentKind>(e.Kind, ignoreCase: true), e.Start, e.End, e.BlockedFrom, e.BlockedUntil, cancellationToken);

    private Task OfferAsync(Guid doctorId, Guid clinicId, AppointmentKind kind, DateTime start, DateTime end, DateTime blockedFrom, DateTime blockedUntil, CancellationToken ct) =>
        offers.OfferAsync(new FreedTime(doctorId, clinicId, kind, start, end, blockedFrom, blockedUntil), ct);
}
