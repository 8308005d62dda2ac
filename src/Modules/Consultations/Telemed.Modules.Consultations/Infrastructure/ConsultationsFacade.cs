using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Consultations.OnCall;
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
}
