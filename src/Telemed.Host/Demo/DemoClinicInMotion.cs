using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Host.Demo;

/// <summary>
/// The demo clinic in motion (setting <c>Demo:InMotion</c>): past completed visits with doctors' notes for the patients of the care
/// teams, today's visits across the working day for three doctors, and three on-demand requests waiting in the general-practice pool.
/// Times are relative to "now" at seeding, in the clinic's own time zone. Seeded once per database: the first demo patient's
/// in-person visit is written last and its presence means everything is there.
/// </summary>
public sealed class DemoClinicInMotion(ISchedulingModule scheduling, IConsultationsModule consultations, TimeProvider clock, ILogger<DemoClinicInMotion> logger)
{
    /// <summary>The ids the main seed created, by the indexes of <see cref="DemoData"/>.</summary>
    public sealed record SeededIds(IReadOnlyList<Guid> ClinicIds, IReadOnlyList<Guid> DoctorIds, IReadOnlyList<Guid> DoctorUserIds,
        IReadOnlyList<Guid> PatientIds, IReadOnlyList<Guid> PatientUserIds, Guid FrontDeskUserId);

    private static readonly string[] Notes =
    [
        "Symptoms improving on the current plan. Blood pressure diary reviewed: mostly within target. Continue treatment, review in 3 months.",
        "Reviewed recent results; no red flags. Advised on sleep, fluids and activity. Follow-up if not better within two weeks.",
        "Medication tolerated well, no side effects reported. Dose unchanged. Repeat blood tests before the next visit.",
        "Discussed the diagnosis and the options; patient prefers conservative management. Written plan sent through the portal.",
    ];

    /// <summary>Seeds everything unless the marker visit shows it was done already; returns whether anything was added.</summary>
    public async Task<bool> SeedAsync(SeededIds ids, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await scheduling.HasCompletedInPersonVisitAsync(ids.PatientIds[0], now, ct))
        {
            return false;
        }

        var past = 0;
        foreach (var (doctor, patients) in DemoData.CareTeams)
        {
            foreach (var (patient, n) in patients.Select((p, n) => (p, n)))
            {
                for (var visit = 0; visit < 2; visit++)
                {
                    var kind = ((doctor + n + visit) % 3) switch { 0 => AppointmentKind.Video, 1 => AppointmentKind.Chat, _ => AppointmentKind.InPerson };
                    if (patient == 0 && kind == AppointmentKind.InPerson)
                    {
                        kind = AppointmentKind.Video; // the first patient's in-person visit is the marker, written last
                    }

                    var day = LocalToday(doctor, now).AddDays(-(7 * (visit * 3 + 1) + n + 1));
                    await SeedVisitAsync(ids, doctor, patient, kind, day, 10 + n % 6, "completed", Notes[(doctor + n + visit) % Notes.Length], ct);
                    past++;
                }
            }
        }

        var today = 0;
        foreach (var (doctor, patients) in new (int Doctor, int[] Patients)[] { (0, [2, 14, 18, 0]), (2, [1, 3, 4, 10, 11]), (3, [5, 6, 1]) })
        {
            var date = LocalToday(doctor, now);
            foreach (var (patient, n) in patients.Select((p, n) => (p, n)))
            {
                var hour = 9 + n * 2 + doctor % 2;
                var start = ToUtc(doctor, date, hour);
                var status = start.AddMinutes(30) <= now ? "completed" : start <= now.AddMinutes(20) ? "checkedIn" : "booked";
                var kind = n % 2 == 0 ? AppointmentKind.Video : AppointmentKind.InPerson;
                await SeedVisitAsync(ids, doctor, patient, kind, date, hour, status, Notes[n % Notes.Length], ct);
                today++;
            }
        }

        var waiting = 0;
        foreach (var (patient, region, severity, words) in new[]
                 {
                     (8, "head", 4, "Sore throat and a temperature of 38.2 since yesterday evening."),
                     (19, "lower-back", 5, "Lower back pain after moving furniture, worse when bending."),
                     (13, "face", 3, "Blocked nose and pressure around the eyes for several days."),
                 })
        {
            waiting += await consultations.SeedDemoOnDemandRequestAsync(ids.PatientUserIds[patient], "general-practice",
                patient == 19 ? ConsultationKind.Chat : ConsultationKind.Video, region, severity, words, ct) ? 1 : 0;
        }

        // The marker, last: the first patient's first in-person visit with their family doctor, two months ago.
        await SeedVisitAsync(ids, 2, 0, AppointmentKind.InPerson, LocalToday(2, now).AddDays(-60), 11, "completed", Notes[1], ct);
        logger.LogInformation("Demo clinic in motion: {Past} past visits, {Today} visits today, {Waiting} waiting requests", past + 1, today, waiting);
        return true;
    }

    private async Task SeedVisitAsync(SeededIds ids, int doctor, int patient, AppointmentKind kind, DateOnly day, int hour, string status, string notes,
        CancellationToken ct)
    {
        var d = DemoData.Doctors[doctor];
        var clinicId = ids.ClinicIds[d.Clinics[0]];
        var start = ToUtc(doctor, day, hour);
        var end = start.AddMinutes(30);
        var appointmentId = await scheduling.SeedDemoVisitAsync(new DemoVisit(ids.DoctorIds[doctor], ids.DoctorUserIds[doctor], ids.PatientIds[patient],
            ids.PatientUserIds[patient], clinicId, kind, start, end, status, ids.FrontDeskUserId), ct);
        if (status == "completed" && kind != AppointmentKind.InPerson)
        {
            await consultations.SeedDemoCompletedConsultationAsync(appointmentId, clinicId, ids.DoctorIds[doctor], ids.DoctorUserIds[doctor], d.Specialties[0],
                ids.PatientIds[patient], ids.PatientUserIds[patient], kind == AppointmentKind.Chat ? ConsultationKind.Chat : ConsultationKind.Video,
                start.AddMinutes(1), start.AddMinutes(24), notes, ct);
        }
    }

    private static TimeZoneInfo ZoneOf(int doctor) => TimeZoneInfo.FindSystemTimeZoneById(DemoData.Clinics[DemoData.Doctors[doctor].Clinics[0]].TimeZone);

    /// <summary>Today's date in the doctor's (first) clinic.</summary>
    private static DateOnly LocalToday(int doctor, DateTime nowUtc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, ZoneOf(doctor)));

    /// <summary>The UTC instant of <paramref name="hour"/>:00 on <paramref name="day"/> in the doctor's clinic.</summary>
    private static DateTime ToUtc(int doctor, DateOnly day, int hour) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified), ZoneOf(doctor));
}
