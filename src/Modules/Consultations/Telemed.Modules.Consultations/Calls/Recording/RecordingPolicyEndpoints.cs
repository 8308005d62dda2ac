using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Calls.Group;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.Calls.Recording;

/// <summary>A clinic's call recording rule: whether calls may be recorded (with the patient's consent), and for how many days (1–3650) a recording is kept.</summary>
public sealed record RecordingPolicyView(bool Allowed, int RetentionDays);

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

/// <summary><c>/clinics/{clinicId}/recording-policy</c> for administrators; unknown clinics get 404 <c>not_found</c>.</summary>
internal static class RecordingPolicyEndpoints
{
    public static void MapRecordingPolicyEndpoints(this IEndpointRouteBuilder api)
    {
        var policy = api.MapGroup("/clinics/{clinicId:guid}/recording-policy").WithTags("Clinic policy").RequireAuthorization(Policies.Admin);
        policy.MapGet("", GetAsync).WithName("GetRecordingPolicy").DeclaresProblems(401, 403, 404);
        policy.MapPut("", PutAsync).Validate<RecordingPolicyRequest>().WithName("UpdateRecordingPolicy").DeclaresProblems(400, 401, 403, 404);
    }

    private static async Task<Results<Ok<RecordingPolicyView>, ProblemHttpResult>> GetAsync(Guid clinicId, IDirectoryModule directory, ConsultationsDbContext db, CancellationToken ct)
    {
        if (!await ClinicExistsAsync(directory, clinicId, ct))
        {
            return Problems.From(Error.NotFound());
        }

        var policy = await db.RecordingPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.ClinicId == clinicId, ct) ?? RecordingPolicy.Forbidden(clinicId);
        return TypedResults.Ok(new RecordingPolicyView(policy.Allowed, policy.RetentionDays));
    }

    private static async Task<Results<Ok<RecordingPolicyView>, ProblemHttpResult>> PutAsync(Guid clinicId, RecordingPolicyRequest request, IDirectoryModule directory,
        ConsultationsDbContext db, AuditScope audit, CancellationToken ct)
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

        policy.Allowed = request.Allowed!.Value;
        policy.RetentionDays = request.RetentionDays!.Value;
        audit.Record("clinic_policy.recording_updated", AuditOutcome.Success, "RecordingPolicy", clinicId.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new RecordingPolicyView(policy.Allowed, policy.RetentionDays));
    }

    private static async Task<bool> ClinicExistsAsync(IDirectoryModule directory, Guid clinicId, CancellationToken ct) =>
        (await directory.GetClinicsAsync(ct)).Any(c => c.ClinicId == clinicId);
}
