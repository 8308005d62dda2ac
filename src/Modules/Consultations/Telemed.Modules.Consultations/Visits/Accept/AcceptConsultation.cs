using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.WaitingRoom;
using Telemed.Modules.Directory.Contracts;
using Telemed.BuildingBlocks.Telemetry;

namespace Telemed.Modules.Consultations.Visits.Accept;

/// <summary>
/// POST /consultations/{id}/accept: a doctor takes a waiting consultation offered to them. The first doctor wins:
/// <see cref="Consultation.Accept"/> bumps the version (the concurrency token), so of simultaneous acceptances one is
/// saved, and the database allows one consultation in progress per doctor. The consultation's chat gets the doctor in
/// the same transaction, and <c>ConsultationStarted</c> goes to the outbox with it.
/// Errors: <c>consultation.not_found</c> (unknown, or not offered to this doctor — including a request another doctor
/// accepted earlier: the answer never tells an existing id from an unknown one), <c>consultation.already_taken</c>
/// (lost a simultaneous race for a request this doctor could see), <c>consultation.not_waiting</c>, <c>consultation.doctor_busy</c>, <c>consultation.not_a_doctor</c>,
/// <c>consultation.licence_expired</c> (422: today is after the doctor's licence's last valid day).
/// </summary>
internal sealed class AcceptConsultation(ConsultationsDbContext db, IDirectoryModule directory, WaitingRoomFeed feed, AuditScope audit, TimeProvider clock)
{
    private const int Attempts = 3;

    public async Task<Result<Consultation>> HandleAsync(Guid id, Guid doctorUserId, CancellationToken ct)
    {
        var doctor = await directory.GetDoctorByUserAsync(doctorUserId, ct);
        if (doctor is null)
        {
            return ConsultationErrors.NotADoctor;
        }

        for (var attempt = 1; ; attempt++)
        {
            var consultation = await db.Consultations.FirstAsync(c => c.Id == id, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            // The day is the visit's clinic's (an on-demand request has none: the doctor's first clinic, else UTC).
            var today = (await ClinicZones.LoadAsync(directory, ct)).LocalDate(consultation.ClinicId ?? doctor.ClinicIds.FirstOrDefault(), now);
            if (!DoctorPractisesOnlyWhileLicensed.Covers(doctor.LicenceExpiresOn, today))
            {
                return ConsultationErrors.LicenceExpired;
            }

            var accepted = consultation.Accept(doctor.DoctorId, doctorUserId, now);
            if (!accepted.IsSuccess)
            {
                return accepted.Error!;
            }

            var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.ConsultationId == id, ct);
            conversation?.AssignDoctor(doctor.DoctorId, doctorUserId);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Someone else changed it first (another doctor, or the escalation worker): look again.
                db.ChangeTracker.Clear();
                continue;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return ConsultationErrors.AlreadyTaken;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
                return ConsultationErrors.DoctorBusy;
            }

            if (consultation is { EnteredWaitingAt: { } entered, StartedAt: { } started })
            {
                TelemedMetrics.WaitingRoomWait.Record(Math.Max(0, (started - entered).TotalSeconds),
                    new KeyValuePair<string, object?>("origin", consultation.Origin == ConsultationOrigin.Booked ? "booked" : "on_demand"));
            }

            audit.Record("consultation.accepted", AuditOutcome.Success, ConsultationAccess.RecordType, id.ToString());
            await feed.QueueChangedAsync(consultation, "removed");
            await feed.DoctorLoadChangedAsync(doctorUserId, doctor.Specialties);
            return consultation;
        }
    }

    public static async Task<Results<Ok<ConsultationView>, ProblemHttpResult>> EndpointAsync(Guid id, ICurrentUser user, ConsultationAccess access,
        AcceptConsultation handler, ConsultationViews views, CancellationToken ct)
    {
        // Only the consultation's own doctor or a pool doctor it is offered to may try; anyone else hears "no such consultation".
        var (consultation, _) = await access.FindAsAsync(id, [ConsultationRole.Doctor, ConsultationRole.PoolDoctor], ct, track: false);
        if (consultation is null)
        {
            return Problems.From(ConsultationErrors.NotFound);
        }

        var accepted = await handler.HandleAsync(id, user.RequireUserId(), ct);
        return accepted.IsSuccess ? TypedResults.Ok(await views.OneAsync(accepted.Value, forStaff: true, ct)) : Problems.From(accepted.Error!);
    }
}
