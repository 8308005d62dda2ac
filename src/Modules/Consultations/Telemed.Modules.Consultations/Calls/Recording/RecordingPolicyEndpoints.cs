using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Calls.Group;
using Telemed.Modules.Consultations.Calls.Media;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.Calls.Recording;

/// <summary>
/// A clinic's call recording rule: whether calls may be recorded (with the patient's consent), and for how many days (1–3650) a
/// recording is kept. <c>RecordingAvailable</c>: whether this deployment can record at all (an SFU is configured and has a
/// recordings directory, <c>Consultations:Video:Sfu:Janus:RecordingsDirectory</c>); when false nothing is ever recorded or
/// offered whatever <c>Allowed</c> says, and switching <c>Allowed</c> on is refused (<c>consultation.recording_unavailable</c>).
/// </summary>
public sealed record RecordingPolicyView(bool Allowed, int RetentionDays, bool RecordingAvailable);

/// <summary>
/// Body of <c>PUT /clinics/{clinicId}/recording-policy</c>: both members are required, so a body that leaves out
/// <c>allowed</c> is refused instead of quietly switching recording off.
/// </summary>
public sealed record RecordingPolicyRequest(bool? Allowed, int? RetentionDays);

internal sealed class RecordingPolicyRequestValidator : AbstractValidator<RecordingPolicyRequest>
{
    public RecordingPolicyRequestValidator()
    {
        RuleFor(p => p.Allowed).NotNull().WithMessage("Say whether calls may be recorded (allowed: true or false).");
        RuleFor(p => p.RetentionDays).NotNull().WithMessage("Say how many days recordings are kept (1 to 3650).")
            .InclusiveBetween(1, 3650).WithMessage("Recordings are kept 1 to 3650 days.");
    }
}

/// <summary>
/// <c>/clinics/{clinicId}/recording-policy</c> for administrators; unknown clinics get 404 <c>not_found</c>. Switching recording
/// on where the deployment cannot record gets 409 <c>consultation.recording_unavailable</c> and changes nothing; a policy that
/// already allows recording is kept as it is (the SFU may be back tomorrow), and may still be switched off or its retention changed.
/// </summary>
internal static class RecordingPolicyEndpoints
{
    public static void MapRecordingPolicyEndpoints(this IEndpointRouteBuilder api)
    {
        var policy = api.MapGroup("/clinics/{clinicId:guid}/recording-policy").WithTags("Clinic policy").RequireAuthorization(Policies.Admin);
        policy.MapGet("", GetAsync).WithName("GetRecordingPolicy").DeclaresProblems(401, 403, 404);
        policy.MapPut("", PutAsync).Validate<RecordingPolicyRequest>().WithName("UpdateRecordingPolicy").DeclaresProblems(400, 401, 403, 404, 409);
    }

    private static async Task<Results<Ok<RecordingPolicyView>, ProblemHttpResult>> GetAsync(Guid clinicId, IDirectoryModule directory, ConsultationsDbContext db,
        ISelectiveForwardingUnit sfu, CancellationToken ct)
    {
        if (!await ClinicExistsAsync(directory, clinicId, ct))
        {
            return Problems.From(Error.NotFound());
        }

        var policy = await db.RecordingPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.ClinicId == clinicId, ct) ?? RecordingPolicy.Forbidden(clinicId);
        return TypedResults.Ok(new RecordingPolicyView(policy.Allowed, policy.RetentionDays, sfu.CanRecord));
    }

    private static async Task<Results<Ok<RecordingPolicyView>, ProblemHttpResult>> PutAsync(Guid clinicId, RecordingPolicyRequest request, IDirectoryModule directory,
        ConsultationsDbContext db, ISelectiveForwardingUnit sfu, CancellationToken ct)
    {
        if (!await ClinicExistsAsync(directory, clinicId, ct))
        {
            return Problems.From(Error.NotFound());
        }

        var policy = await db.RecordingPolicies.FirstOrDefaultAsync(p => p.ClinicId == clinicId, ct);
        if (policy is null)
        {
            policy = RecordingPolicy.Forbidden(clinicId);
            db.RecordingPolicies.Add(policy);
        }

        if (request.Allowed!.Value && !policy.Allowed && !sfu.CanRecord)
        {
            return Problems.From(CallRecordingErrors.Unavailable);
        }

        policy.Allowed = request.Allowed!.Value;
        policy.RetentionDays = request.RetentionDays!.Value;
        db.AuditWithNextSave("clinic_policy.recording_updated", "RecordingPolicy", clinicId.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new RecordingPolicyView(policy.Allowed, policy.RetentionDays, sfu.CanRecord));
    }

    private static async Task<bool> ClinicExistsAsync(IDirectoryModule directory, Guid clinicId, CancellationToken ct) =>
        (await directory.GetClinicsAsync(ct)).Any(c => c.ClinicId == clinicId);
}
