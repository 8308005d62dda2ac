using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Consultations.OnCall;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.Infrastructure;

internal sealed class ConsultationsFacade(ConsultationsDbContext db, IDirectoryModule directory, TimeProvider clock) : IConsultationsModule
{
    public async Task EnsureOnDutyAsync(Guid doctorUserId, CancellationToken cancellationToken = default)
    {
        var doctor = await directory.GetDoctorByUserAsync(doctorUserId, cancellationToken);
        if (doctor is null || await db.Duty.AnyAsync(d => d.DoctorUserId == doctorUserId, cancellationToken))
        {
            return;
        }

        var duty = DutyStatus.For(doctorUserId, doctor.DoctorId);
        duty.Set(true, doctor.Specialties, clock.GetUtcNow().UtcDateTime);
        db.Duty.Add(duty);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ConsultationRecord?> GetConsultationAsync(Guid consultationId, CancellationToken cancellationToken = default)
    {
        var c = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == consultationId, cancellationToken);
        if (c is null)
        {
            return null;
        }

        var complaint = ConsultationViews.ComplaintOf(c);
        return new ConsultationRecord(c.Id, c.PatientId, c.PatientUserId, c.DoctorUserId, c.ClinicId, c.AppointmentId, c.Kind,
            ConsultationViews.StatusName(c.Status), c.StartedAt, c.EndedAt, c.ComplaintSummary, complaint?.Description ?? "",
            ConsultationViews.Camel(c.Priority.ToString()));
    }
}
