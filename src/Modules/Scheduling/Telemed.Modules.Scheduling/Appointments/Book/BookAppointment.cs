using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.ClinicRules;
using Telemed.Modules.Scheduling.FrontDesk;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Reminders;
using Telemed.Modules.Scheduling.Slots;
using Telemed.Modules.Scheduling.Waitlist;
using Telemed.BuildingBlocks.Telemetry;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// What a booking request got: the appointment or the error, whether it is the stored answer to an earlier request with the
/// same Idempotency-Key (<paramref name="Replayed"/>), and, for a fresh booking, what became of the patient's waitlist
/// entries (null when they must be read again, i.e. for a replay).
/// </summary>
internal sealed record BookingOutcome(Result<Appointment> Result, bool Replayed, IReadOnlyList<WaitlistNote>? Waitlist);

/// <summary>
/// Books a slot for a patient (by the patient or the front desk) in ONE transaction with one commit: the time blocks (one
/// multi-row insert; their primary key is what refuses a double booking), the reminders (one multi-row insert), the
/// appointment (which raises <c>AppointmentBooked</c> into the outbox: care access and the patient's notices follow from
/// it after the commit), the idempotency record with its outcome, and the closing of the patient's waitlist entries it
/// satisfies. Reference data (doctor, clinic, rules, policy) comes from the hosts' caches. On SQLite the only read before the
/// write is the patient's waiting entries; on PostgreSQL there is none: the write refuses itself if the patient has waiting
/// entries (<see cref="ModuleDbContext.RefuseSaveIfAny{T}"/>), and only then are they read, for a second save.
/// </summary>
internal sealed class BookAppointment(SchedulingDbContext db, SlotReservations reservations, ClinicPolicies policies,
    CloseSatisfiedEntries waitlist, IdempotentRequests idempotency, FrontDeskFeed feed, IDirectoryModule directory)
{
    /// <summary>
    /// Errors: doctor not found (404), slot unavailable (422), slot taken (409), in the past (422); with a key: key reused with
    /// another body (422), or the stored error of the first request with the key. A fresh booking is audited as
    /// <paramref name="auditedAs"/> in its own transaction. With <paramref name="answerShowsPatientName"/> the patient's name is
    /// read before the commit, so that read's audit record commits with the booking too and the answer, which shows the name,
    /// needs no audit write of its own (the unit of work records a read once).
    /// </summary>
    public async Task<BookingOutcome> RunAsync(SlotRequest request, Guid patientId, Guid patientUserId, Guid actorId, IdempotencyRecord? claim,
        CancellationToken ct, string auditedAs = "appointment.booked", bool answerShowsPatientName = false)
    {
        var resolved = await reservations.ResolveAsync(request, ct);
        if (!resolved.IsSuccess)
        {
            return await FailAsync(claim, resolved.Error!, ct);
        }

        var (slot, doctor) = resolved.Value;
        var policy = await policies.ForAsync(request.ClinicId, ct);
        // PostgreSQL: the patient's waiting entries are not read up front (nearly every booking would find none); the save
        // refuses itself if there are any (a guard in its one statement), and then they are read and the booking saved again.
        var waiting = db.Database.IsPostgres() ? null : await waitlist.WaitingAsync(patientId, ct);
        for (var attempt = 1; ; attempt++)
        {
            var now = reservations.Now;
            var booked = Appointment.Book(doctor.DoctorId, doctor.UserId, patientId, patientUserId, request.ClinicId, request.Kind,
                slot.Start.ToDateTimeUtc(), slot.End.ToDateTimeUtc(), actorId, now);
            if (!booked.IsSuccess)
            {
                return await FailAsync(claim, booked.Error!, ct);
            }

            var appointment = booked.Value;
            var withdrawn = waiting is null ? [] : await waitlist.CloseAsync(waiting, appointment, ct);
            if (answerShowsPatientName)
            {
                await directory.GetPatientNamesAsync([patientId], ct);
            }

            try
            {
                await CommitAsync(appointment, SlotReservations.Blocks(doctor.DoctorId, slot, TimeBlockOwner.Appointment, appointment.Id, expiresAt: null),
                    ReminderPlanner.For(appointment, policy, now), withdrawn, claim, auditedAs, refuseIfWaiting: waiting is null ? patientId : null, ct);
            }
            catch (SaveRefusedException)
            {
                // The patient has waiting entries: nothing was written. Read them and book again; not a try of its own.
                db.ChangeTracker.Clear();
                waiting = await waitlist.WaitingAsync(patientId, ct);
                attempt--;
                continue;
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Refused by a key: the same request committed first (its record answers), the time is taken, or an expired
                // hold still sits on it (cleared here, then one more try).
                db.ChangeTracker.Clear();
                if (claim is not null && await idempotency.EarlierOutcomeAsync(claim, ct) is { } earlier)
                {
                    return new BookingOutcome(earlier, Replayed: true, Waitlist: null);
                }

                if (attempt == 1 && await reservations.ReleaseExpiredHoldsAsync(doctor.DoctorId, slot, ct) > 0)
                {
                    waiting = await waitlist.WaitingAsync(patientId, ct);
                    continue;
                }

                return await FailAsync(claim, SchedulingErrors.SlotTaken, ct);
            }

            TelemedMetrics.Bookings.Add(1, new KeyValuePair<string, object?>("source", "direct"));
            await feed.PublishAsync(appointment);
            return new BookingOutcome(appointment, Replayed: false, await waitlist.NotesAsync(waiting ?? [], appointment, ct));
        }
    }

    /// <summary>
    /// One transaction, one commit: the time blocks (first, so a taken slot is refused before anything else is written), the
    /// reminders, the appointment, the idempotency record, the outbox row, the roll-up mark and the audit entry. On PostgreSQL a
    /// booking that closes no waitlist entry is insert-only and goes as ONE command, which PostgreSQL runs as one implicit
    /// transaction (one round trip, commit included; ModuleDbContext's insert-only save). Otherwise, and on SQLite, the save opens
    /// its own transaction; a booking that withdraws held offers opens it here, so freeing their hold blocks joins it. With
    /// <paramref name="refuseIfWaiting"/> (a patient whose waitlist was not read) the save throws <see cref="SaveRefusedException"/>,
    /// writing nothing, if that patient has a waiting entry.
    /// </summary>
    private async Task CommitAsync(Appointment appointment, IReadOnlyList<TimeBlock> blocks, IReadOnlyList<Reminder> reminders,
        IReadOnlyList<Guid> withdrawnOffers, IdempotencyRecord? claim, string auditedAs, Guid? refuseIfWaiting, CancellationToken ct)
    {
        if (withdrawnOffers.Count == 0)
        {
            QueueBooking(appointment, blocks, reminders, claim, auditedAs);
            if (refuseIfWaiting is { } patientId)
            {
                db.RefuseSaveIfAny<WaitlistEntry>((nameof(WaitlistEntry.PatientId), patientId), (nameof(WaitlistEntry.Status), WaitlistStatus.Waiting));
            }

            await db.SaveChangesAsync(ct);
            return;
        }

        // SaveChanges inside our transaction would otherwise wrap itself in a SAVEPOINT (two more statements) that nothing needs:
        // any failure rolls the whole transaction back.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await waitlist.ReleaseHoldsAsync(withdrawnOffers, ct);
            QueueBooking(appointment, blocks, reminders, claim, auditedAs);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>
    /// The booking's rows for the next save: time blocks and reminders as multi-row inserts ahead of the tracked rows, and its
    /// audit fact (queued again for each attempt: a failed save drops it).
    /// </summary>
    private void QueueBooking(Appointment appointment, IReadOnlyList<TimeBlock> blocks, IReadOnlyList<Reminder> reminders, IdempotencyRecord? claim,
        string auditedAs)
    {
        db.AuditWithNextSave(auditedAs, "Appointment", appointment.Id.ToString());
        db.InsertRowsOnSave(blocks);
        db.InsertRowsOnSave(reminders);
        db.Appointments.Add(appointment);
        if (claim is not null)
        {
            idempotency.RecordSuccess(claim, appointment);
        }
    }

    private async Task<BookingOutcome> FailAsync(IdempotencyRecord? claim, Error error, CancellationToken ct)
    {
        var (result, replayed) = await idempotency.RecordFailureAsync(claim, error, ct);
        return new BookingOutcome(result, replayed, Waitlist: null);
    }
}
