using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Appointments;

namespace Telemed.Modules.Scheduling.FrontDesk;

/// <summary>What the dashboard is told: which appointment changed and its new status. No names: the dashboard re-reads the day through the API.</summary>
public sealed record AppointmentChanged(Guid AppointmentId, Guid ClinicId, string Status, DateTime ChangedAt);

/// <summary>Live updates of a clinic's day for the front desk.</summary>
[Authorize(Policy = Policies.FrontDesk)]
internal sealed class FrontDeskHub(IDirectoryModule directory) : Hub
{
    public const string Path = "/hubs/front-desk";

    public static string GroupOf(Guid clinicId) => $"clinic:{clinicId:N}";

    public async Task WatchClinic(Guid clinicId)
    {
        var clinics = await directory.GetClinicsAsync(Context.ConnectionAborted);
        if (clinics.All(c => c.ClinicId != clinicId))
        {
            throw Telemed.BuildingBlocks.Http.HubErrors.From(new("scheduling.clinic_not_found", "There is no such clinic.", Telemed.BuildingBlocks.Results.ErrorKind.NotFound));
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(clinicId), Context.ConnectionAborted);
    }

    public Task UnwatchClinic(Guid clinicId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(clinicId), Context.ConnectionAborted);
}

/// <summary>
/// Tells the clinic's front desk, after a commit, that an appointment changed. Never cancelled with the request that changed
/// it: the change is stored, and the desk must not keep a stale day because the caller left a moment after the commit.
/// </summary>
internal sealed class FrontDeskFeed(IHubContext<FrontDeskHub> hub, TimeProvider clock)
{
    public Task PublishAsync(Appointment appointment) =>
        hub.Clients.Group(FrontDeskHub.GroupOf(appointment.ClinicId)).SendAsync("appointmentChanged",
            new AppointmentChanged(appointment.Id, appointment.ClinicId, AppointmentViews.StatusName(appointment.Status), clock.GetUtcNow().UtcDateTime), CancellationToken.None);
}
