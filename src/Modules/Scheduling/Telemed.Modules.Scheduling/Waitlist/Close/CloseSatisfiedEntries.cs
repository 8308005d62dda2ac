using Microsoft.EntityFrameworkCore;
using NodaTime;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Slots;

namespace Telemed.Modules.Scheduling.Waitlist;

/// <summary>What became of one of the patient's waitlist entries when they booked: <c>closed</c>, or <c>remains</c> with the reason.</summary>
/// <param name="Outcome"><c>closed</c> or <c>remains</c>.</param>
/// <param name="Reason">For <c>remains</c>: <c>different_kind</c>, <c>earlier_than_wanted</c> or <c>later_than_wanted</c>; null for <c>closed</c>.</param>
public sealed record WaitlistNote(Guid EntryId, string Outcome, string? Reason);

/// <summary>
/// A patient who books what they were waiting for leaves the waitlist, so freed time goes to the next patient instead of
/// being held for someone already served. Runs inside the booking's transaction.
/// </summary>
internal sealed class CloseSatisfiedEntries(SchedulingDbContext db, ScheduleReader schedules)
{
    /// <summary>Closes the owner's waiting entries that <paramref name="appointment"/> satisfies and withdraws their held offers.</summary>
    public async Task CloseForAsync(Appointment appointment, CancellationToken ct)
    {
        var withdrawn = await CloseAsync(await WaitingAsync(appointment.PatientId, ct), appointment, ct);
        await ReleaseHoldsAsync(withdrawn, ct);
    }

    /// <summary>
    /// The patient's waiting entries, tracked (one query; read before the booking's transaction opens). Every booking asks, and
    /// nearly always finds none: as a LINQ query, building and looking up its expression each time was 7–9 % of the host's CPU
    /// under the booking load, so it is compiled once per model (a host has one per database provider; EF Core refuses a compiled
    /// query on a second model).
    /// </summary>
    public async Task<IReadOnlyList<WaitlistEntry>> WaitingAsync(Guid patientId, CancellationToken ct)
    {
        var entries = new List<WaitlistEntry>();
        await foreach (var entry in WaitingQuery.GetValue(db.Model, static _ => EF.CompileAsyncQuery<SchedulingDbContext, Guid, WaitlistEntry>((context, patient) =>
            context.WaitlistEntries.Where(e => e.PatientId == patient && e.Status == WaitlistStatus.Waiting).OrderBy(e => e.CreatedAt)))(db, patientId).WithCancellation(ct))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel,
        Func<SchedulingDbContext, Guid, IAsyncEnumerable<WaitlistEntry>>> WaitingQuery = [];

    /// <summary>
    /// Closes the entries of <paramref name="waiting"/> that <paramref name="appointment"/> satisfies and withdraws their held offers
    /// (tracked, saved with the booking). Returns the withdrawn offers whose hold blocks must go in the booking's transaction
    /// (<see cref="ReleaseHoldsAsync"/>); no query at all when nothing is closed.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> CloseAsync(IReadOnlyList<WaitlistEntry> waiting, Appointment appointment, CancellationToken ct)
    {
        if (waiting.Count == 0)
        {
            return [];
        }

        var booking = await BookingAsync(appointment, ct);
        var closed = waiting.Where(e => e.Match(booking) == WaitlistMatch.Satisfied && e.Close(appointment.Id).IsSuccess).Select(e => e.Id).ToList();
        if (closed.Count == 0)
        {
            return [];
        }

        var held = await db.WaitlistOffers.Where(o => closed.Contains(o.EntryId) && o.Status == OfferStatus.Offered).ToListAsync(ct);
        return held.Where(o => o.Withdraw().IsSuccess).Select(o => o.Id).ToList();
    }

    /// <summary>Frees the time held for withdrawn offers (run inside the transaction that withdraws them, before the booking takes its time).</summary>
    public async Task ReleaseHoldsAsync(IReadOnlyList<Guid> withdrawnOffers, CancellationToken ct)
    {
        foreach (var offerId in withdrawnOffers)
        {
            await db.TimeBlocks.Where(b => b.OwnerId == offerId && b.OwnerKind == TimeBlockOwner.Hold).ExecuteDeleteAsync(ct);
        }
    }

    /// <summary>
    /// The entries this booking closed, and the owner's entries still waiting that relate to it (same doctor or specialty)
    /// with why they remain. Read after the booking, so an idempotent replay answers the same.
    /// </summary>
    public async Task<IReadOnlyList<WaitlistNote>> NotesForAsync(Appointment appointment, CancellationToken ct)
    {
        var entries = await db.WaitlistEntries.AsNoTracking()
            .Where(e => e.PatientId == appointment.PatientId && (e.ClosedByAppointmentId == appointment.Id || e.Status == WaitlistStatus.Waiting))
            .OrderBy(e => e.CreatedAt).ToListAsync(ct);
        return await NotesAsync(entries, appointment, ct);
    }

    /// <summary>
    /// The same notes from entries already in hand: right after a booking, the entries <see cref="WaitingAsync"/> read before it
    /// (now closed or still waiting) are exactly those, so the answer costs no query.
    /// </summary>
    public async Task<IReadOnlyList<WaitlistNote>> NotesAsync(IReadOnlyList<WaitlistEntry> entries, Appointment appointment, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        var booking = await BookingAsync(appointment, ct);
        return entries.Select(e => e.ClosedByAppointmentId == appointment.Id ? new WaitlistNote(e.Id, "closed", null) : e.Status != WaitlistStatus.Waiting ? null : e.Match(booking) switch
        {
            WaitlistMatch.DifferentKind => new WaitlistNote(e.Id, "remains", "different_kind"),
            WaitlistMatch.EarlierThanWanted => new WaitlistNote(e.Id, "remains", "earlier_than_wanted"),
            WaitlistMatch.LaterThanWanted => new WaitlistNote(e.Id, "remains", "later_than_wanted"),
            _ => null,
        }).OfType<WaitlistNote>().ToList();
    }

    private async Task<WaitlistBooking> BookingAsync(Appointment appointment, CancellationToken ct)
    {
        var doctor = await schedules.DoctorAsync(appointment.DoctorId, ct);
        var zone = (await schedules.ClinicsAsync(ct)).GetValueOrDefault(appointment.ClinicId)?.TimeZone ?? "UTC";
        var local = Instant.FromDateTimeUtc(DateTime.SpecifyKind(appointment.Start, DateTimeKind.Utc)).InZone(ScheduleReader.Zone(zone)).Date;
        return new WaitlistBooking(appointment.DoctorId, doctor?.Specialties.ToList() ?? [], appointment.Kind, new DateOnly(local.Year, local.Month, local.Day));
    }
}
