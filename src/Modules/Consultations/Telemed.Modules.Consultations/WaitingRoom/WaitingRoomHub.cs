using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.WaitingRoom;

/// <summary>
/// Live queue: a patient watches their own consultation's position, a doctor their queue and their
/// specialties' on-call pool, the front desk the escalations. Every method checks who is asking; errors carry the
/// stable codes of the REST endpoints (e.g. "consultation.not_found: …").
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class WaitingRoomHub(ConsultationsDbContext db, IDirectoryModule directory, WaitingRoomFeed feed, AuditScope audit) : Hub
{
    public const string Path = "/hubs/waiting-room";

    public static string ConsultationGroup(Guid consultationId) => $"consultation:{consultationId:N}";
    public static string DoctorGroup(Guid doctorUserId) => $"doctor:{doctorUserId:N}";
    public static string PoolGroup(string specialty) => $"pool:{specialty.ToLowerInvariant()}";
    public const string EscalationsGroup = "escalations";

    public async Task WatchConsultation(Guid consultationId)
    {
        var me = HubCaller.UserId(Context);
        var owner = await db.Consultations.AsNoTracking().Where(c => c.Id == consultationId).Select(c => (Guid?)c.PatientUserId).FirstOrDefaultAsync(Context.ConnectionAborted);
        if (owner is null)
        {
            throw HubErrors.From(ConsultationErrors.NotFound);
        }

        if (owner != me)
        {
            audit.RecordDenied(ConsultationAccess.RecordType, consultationId, "not the patient");
            throw HubErrors.From(ConsultationErrors.NotFound);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, ConsultationGroup(consultationId), Context.ConnectionAborted);
        await Clients.Caller.SendAsync("queueUpdated", await feed.UpdateFor(consultationId, Context.ConnectionAborted), Context.ConnectionAborted);
    }

    public async Task WatchQueue()
    {
        if (!HubCaller.IsStaff(Context, Roles.Doctor))
        {
            throw HubErrors.From(Error.Forbidden("consultation.doctors_only", "Only doctors watch a queue."));
        }

        var doctor = await directory.GetDoctorByUserAsync(HubCaller.UserId(Context), Context.ConnectionAborted) ?? throw HubErrors.From(ConsultationErrors.NotADoctor);
        await Groups.AddToGroupAsync(Context.ConnectionId, DoctorGroup(doctor.UserId), Context.ConnectionAborted);
        foreach (var specialty in doctor.Specialties)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, PoolGroup(specialty), Context.ConnectionAborted);
        }
    }

    public async Task WatchEscalations()
    {
        if (!HubCaller.IsStaff(Context, Roles.FrontDesk))
        {
            throw HubErrors.From(Error.Forbidden("consultation.front_desk_only", "Only the front desk watches escalations."));
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, EscalationsGroup, Context.ConnectionAborted);
    }
}

/// <summary>Who is calling a hub method: hubs authorise per method, like endpoints do.</summary>
internal static class HubCaller
{
    public static Guid UserId(HubCallerContext context) =>
        Guid.TryParse(context.User?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id
            : throw HubErrors.From(new Error("auth.sign_in_required", "Sign in first.", ErrorKind.Unauthorized));

    /// <summary>Staff must have finished multi-factor sign-in (the same rule as the staff policies).</summary>
    public static bool IsStaff(HubCallerContext context, string role) =>
        context.User?.IsInRole(role) == true && context.User.HasClaim("telemed:stage", "full");
}
