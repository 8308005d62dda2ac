using Microsoft.Extensions.Logging;
using Telemed.Modules.Consultations.Calls;
using Telemed.Modules.Consultations.Calls.Group;
using Telemed.Modules.Consultations.Calls.Media;
using Telemed.Modules.Consultations.WaitingRoom;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.Visits.End;

/// <summary>
/// What follows any end of a consultation (completed or failed): its call closes (a recording stops, the SFU room, if any, is destroyed and every
/// guest removed) and the doctor's queues re-estimate.
/// </summary>
internal sealed class ConsultationEndings(CallRoster calls, GroupCalls groupCalls, Calls.Recording.CallRecordings recordings, IDirectoryModule directory, WaitingRoomFeed feed, ILogger<ConsultationEndings> log)
{
    public async Task AfterItEndedAsync(Consultation consultation, CancellationToken ct)
    {
        await calls.EndAsync(consultation.Id, ConsultationViews.StatusName(consultation.Status));
        try
        {
            // Recording stops before the room goes, so the recorder closes its files cleanly.
            await recordings.EndAsync(consultation.Id, ct);
            await groupCalls.CloseAsync(consultation.Id, consultation.PatientUserId, consultation.DoctorUserId, ct);
        }
        catch (SfuUnavailableException e)
        {
            // The room is closed on our side (no seat is issued any more); Janus drops an abandoned room's sessions on its own timeout.
            log.LogWarning(e, "The SFU did not destroy the room of an ended consultation");
        }

        if (consultation.DoctorUserId is { } doctorUserId)
        {
            var doctor = await directory.GetDoctorByUserAsync(doctorUserId, ct);
            await feed.DoctorLoadChangedAsync(doctorUserId, doctor?.Specialties ?? []);
        }
    }
}
