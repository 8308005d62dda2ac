using Telemed.Modules.Consultations.Calls;
using Telemed.Modules.Consultations.WaitingRoom;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.Visits.End;

/// <summary>What follows any end of a consultation (completed or failed): its call closes and the doctor's queues re-estimate.</summary>
internal sealed class ConsultationEndings(CallRoster calls, IDirectoryModule directory, WaitingRoomFeed feed)
{
    public async Task AfterItEndedAsync(Consultation consultation, CancellationToken ct)
    {
        await calls.EndAsync(consultation.Id, ConsultationViews.StatusName(consultation.Status), ct);
        if (consultation.DoctorUserId is { } doctorUserId)
        {
            var doctor = await directory.GetDoctorByUserAsync(doctorUserId, ct);
            await feed.DoctorLoadChangedAsync(doctorUserId, doctor?.Specialties ?? [], ct);
        }
    }
}
