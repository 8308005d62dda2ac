using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Triage;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.WaitingRoom;

/// <summary>
/// A place in a queue. <c>EstimatedWaitMinutes</c> is null when nobody can give one; <c>NobodyOnDuty</c> says why
/// (an on-demand request whose specialty has no doctor on duty).
/// </summary>
public sealed record QueuePosition(int Position, int? EstimatedWaitMinutes, bool Escalated, bool NobodyOnDuty);

/// <summary>
/// Which queue a waiting consultation is in: its doctor's (booked visits, and requests the front desk assigned to a
/// doctor) or the specialty's on-call pool.
/// </summary>
internal readonly record struct QueueKey(Guid? DoctorUserId, string? Specialty)
{
    public static QueueKey Of(Consultation c) => Of(c.DoctorUserId, c.Specialty);

    public static QueueKey Of(Guid? doctorUserId, string specialty) =>
        doctorUserId is { } doctor ? new(doctor, null) : new(null, specialty);
}

/// <summary>
/// Queue positions and waiting estimates. Priority (triage) orders a queue, then time of arrival. The estimate
/// comes from the doctors' running consultations: each is expected to last the doctor's recent average, and
/// every patient ahead adds one average, shared among the pool's on-duty doctors.
/// </summary>
internal sealed class QueueReader(ConsultationsDbContext db, IOptions<ConsultationsOptions> options, TimeProvider clock)
{
    private const int HistoryForAverage = 20;

    /// <summary>What ordering needs, read without loading records (a patient's position is not an access to the others' records).</summary>
    private sealed record Waiting(Guid Id, TriageLevel Priority, DateTime? EnteredWaitingAt, DateTime? ScheduledStart, bool Escalated);

    public static IOrderedEnumerable<T> InQueueOrder<T>(IEnumerable<T> waiting, Func<T, TriageLevel> priority, Func<T, DateTime?> arrived, Func<T, Guid> id) =>
        waiting.OrderBy(c => PriorityRank(priority(c))).ThenBy(arrived).ThenBy(id);

    public static int PriorityRank(TriageLevel level) => (int)level;

    /// <summary>Positions and estimates for everyone waiting in the given queue.</summary>
    public async Task<IReadOnlyDictionary<Guid, QueuePosition>> PositionsAsync(QueueKey queue, CancellationToken ct)
    {
        var waiting = await WaitingInAsync(queue, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var (freeAt, average) = queue.DoctorUserId is { } doctor
            ? await DoctorAvailabilityAsync([doctor], now, ct)
            : await DoctorAvailabilityAsync(await OnDutyDoctorsAsync(queue.Specialty!, ct), now, ct);
        var positions = new Dictionary<Guid, QueuePosition>();
        var index = 0;
        foreach (var c in InQueueOrder(waiting, w => w.Priority, w => w.EnteredWaitingAt, w => w.Id))
        {
            int? estimate = null;
            if (freeAt.Count > 0)
            {
                // The n-th patient is seen when the (n mod doctors)-th doctor to free up has also seen those ahead of them.
                var minutes = freeAt[index % freeAt.Count] + index / freeAt.Count * average;
                if (c.ScheduledStart is { } start)
                {
                    minutes = Math.Max(minutes, (start - now).TotalMinutes);
                }

                estimate = (int)Math.Ceiling(Math.Max(0, minutes));
            }

            positions[c.Id] = new QueuePosition(index + 1, estimate, c.Escalated, NobodyOnDuty: queue.DoctorUserId is null && freeAt.Count == 0);
            index++;
        }

        return positions;
    }

    public async Task<QueuePosition?> PositionOfAsync(Consultation consultation, CancellationToken ct) =>
        consultation.Status != ConsultationStatus.Waiting ? null
            : (await PositionsAsync(QueueKey.Of(consultation), ct)).GetValueOrDefault(consultation.Id);

    private Task<List<Waiting>> WaitingInAsync(QueueKey queue, CancellationToken ct)
    {
        var waiting = db.Consultations.AsNoTracking().Where(c => c.Status == ConsultationStatus.Waiting);
        waiting = queue.DoctorUserId is { } doctor
            ? waiting.Where(c => c.DoctorUserId == doctor)
            : waiting.Where(c => c.Origin == ConsultationOrigin.OnDemand && c.DoctorUserId == null && c.Specialty == queue.Specialty);
        return waiting.Select(c => new Waiting(c.Id, c.Priority, c.EnteredWaitingAt, c.ScheduledStart, c.Escalated)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Guid>> OnDutyDoctorsAsync(string specialty, CancellationToken ct)
    {
        var onDuty = await db.Duty.AsNoTracking().Where(d => d.OnDuty).ToListAsync(ct);
        return [.. onDuty.Where(d => d.SpecialtyList.Contains(specialty, StringComparer.OrdinalIgnoreCase)).Select(d => d.DoctorUserId)];
    }

    /// <summary>For each doctor, minutes until they are expected to be free (sorted), and the average consultation length.</summary>
    private async Task<(List<double> FreeAt, double Average)> DoctorAvailabilityAsync(IReadOnlyCollection<Guid> doctors, DateTime now, CancellationToken ct)
    {
        if (doctors.Count == 0)
        {
            return ([], options.Value.DefaultConsultationMinutes);
        }

        var recent = await db.Consultations.AsNoTracking()
            .Where(c => c.DoctorUserId != null && doctors.Contains(c.DoctorUserId.Value) && c.Status == ConsultationStatus.Completed && c.StartedAt != null && c.EndedAt != null)
            .OrderByDescending(c => c.EndedAt).Take(HistoryForAverage * doctors.Count)
            .Select(c => new { c.StartedAt, c.EndedAt }).ToListAsync(ct);
        var average = recent.Count == 0 ? options.Value.DefaultConsultationMinutes
            : Math.Max(1, recent.Average(c => (c.EndedAt!.Value - c.StartedAt!.Value).TotalMinutes));
        var running = await db.Consultations.AsNoTracking()
            .Where(c => c.Status == ConsultationStatus.InProgress && c.DoctorUserId != null && doctors.Contains(c.DoctorUserId.Value))
            .Select(c => new { c.DoctorUserId, c.StartedAt }).ToListAsync(ct);
        var freeAt = doctors.Select(d => running.FirstOrDefault(r => r.DoctorUserId == d) is { } r
            ? Math.Max(1, average - (now - r.StartedAt!.Value).TotalMinutes)
            : 0).OrderBy(m => m).ToList();
        return (freeAt, average);
    }
}
