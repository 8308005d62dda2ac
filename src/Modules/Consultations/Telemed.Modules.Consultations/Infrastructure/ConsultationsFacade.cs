using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Text;
using Telemed.Modules.Consultations.Chat;
using Telemed.Modules.Consultations.Complaints;
using Telemed.Modules.Consultations.Visits.Admission;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Consultations.OnCall;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.Infrastructure;

internal sealed class ConsultationsFacade(ConsultationsDbContext db, IDirectoryModule directory, TimeProvider clock, IServiceProvider services) : IConsultationsModule
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
            ConsultationViews.Camel(c.Priority.ToString()), complaint is null ? "" : ComplaintSummary.Of(complaint, LanguagePreference.Russian));
    }

    public async Task SeedDemoCompletedConsultationAsync(Guid appointmentId, Guid clinicId, Guid doctorId, Guid doctorUserId, string specialty, Guid patientId,
        Guid patientUserId, ConsultationKind kind, DateTime startUtc, DateTime endUtc, string notes, CancellationToken cancellationToken = default)
    {
        var consultation = Consultation.SeededCompletedForDemo(appointmentId, clinicId, doctorId, doctorUserId, specialty, patientId, patientUserId, kind,
            startUtc, endUtc, notes);
        db.Consultations.Add(consultation);
        db.Conversations.Add(Conversation.ForConsultation(consultation.Id, patientId, patientUserId, doctorId, doctorUserId, startUtc));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> SeedDemoOnDemandRequestAsync(Guid patientUserId, string specialty, ConsultationKind kind, string region, int severity, string description,
        CancellationToken cancellationToken = default)
    {
        // Resolved here, not injected: the use case is only needed by the demo seed.
        var request = new OnDemandRequest(specialty, kind, new ComplaintForm([region], severity, ComplaintDuration.Days, [], description, []));
        var admitted = await services.GetRequiredService<RequestOnDemand>().HandleAsync(request, patientUserId, cancellationToken);
        return admitted.IsSuccess && admitted.Value.Consultation.Status == ConsultationStatus.Waiting;
    }

    public Task<int> CountWaitingOnDemandAsync(string specialty, CancellationToken cancellationToken = default) =>
        db.Consultations.AsNoTracking().CountAsync(c => c.Origin == ConsultationOrigin.OnDemand && c.Status == ConsultationStatus.Waiting
            && c.DoctorUserId == null && c.Specialty == specialty, cancellationToken);
}
