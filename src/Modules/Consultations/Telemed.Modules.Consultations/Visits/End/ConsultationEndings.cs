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
/// <remarks>
/// The end is committed before this runs, so none of it is cancelled with the request or connection that ended it: a doctor
/// who closes the tab at once must not leave a recording running, guests admitted or the other side in the call. One step's
/// failure is logged and does not skip the others; the ending itself stands.
/// </remarks>
internal sealed class ConsultationEndings(CallRoster calls, GroupCalls groupCalls, Calls.Recording.CallRecordings recordings, IDirectoryModule directory, WaitingRoomFeed feed, ILogger<ConsultationEndings> log)
{
    public async Task AfterItEndedAsync(Consultation consultation)
    {
        await StepAsync("end the call", () => calls.EndAsync(consultation.Id, ConsultationViews.StatusName(consultation.Status)));
        // Recording stops before the room goes, so the recorder closes its files cleanly.
        await StepAsync("stop the recording", () => recordings.EndAsync(consultation.Id, CancellationToken.None));
        await StepAsync("close the group call", () => groupCalls.CloseAsync(consultation.Id, consultation.PatientUserId, consultation.DoctorUserId, CancellationToken.None));
        if (consultation.DoctorUserId is { } doctorUserId)
        {
            await StepAsync("re-estimate the doctor's queues", async () =>
            {
                var doctor = await directory.GetDoctorByUserAsync(doctorUserId, CancellationToken.None);
                await feed.DoctorLoadChangedAsync(doctorUserId, doctor?.Specialties ?? []);
            });
        }
    }

    private async Task StepAsync(string step, Func<Task> run)
    {
        try
        {
            await run();
        }
        catch (SfuUnavailableException e)
        {
            // The room is closed on our side (no seat is issued any more); Janus drops an abandoned room's sessions on its own timeout.
            log.LogWarning(e, "The SFU was unavailable to {Step} of an ended consultation", step);
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not {Step} of an ended consultation", step);
        }
    }
}
