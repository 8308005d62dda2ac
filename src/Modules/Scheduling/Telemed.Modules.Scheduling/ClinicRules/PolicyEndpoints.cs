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
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.ClinicRules;

public sealed record ClinicPolicyView(int CancellationCutoffHours, IReadOnlyList<int> ReminderOffsetsHours, int WaitlistHoldMinutes);

internal sealed class ClinicPolicyViewValidator : AbstractValidator<ClinicPolicyView>
{
    public ClinicPolicyViewValidator()
    {
        RuleFor(p => p.CancellationCutoffHours).InclusiveBetween(0, 14 * 24).WithMessage("The cutoff is 0 to 336 hours.");
        RuleFor(p => p.ReminderOffsetsHours).Cascade(CascadeMode.Stop).NotNull().Must(o => o.Count <= 5).WithMessage("At most five reminders.");
        RuleForEach(p => p.ReminderOffsetsHours).InclusiveBetween(1, 14 * 24).WithMessage("Reminders go out 1 to 336 hours before.");
        RuleFor(p => p.WaitlistHoldMinutes).InclusiveBetween(5, 24 * 60).WithMessage("A waitlist offer is held 5 minutes to 24 hours.");
    }
}

internal static class PolicyEndpoints
{
    public static void MapPolicyEndpoints(this IEndpointRouteBuilder scheduling)
    {
        var policy = scheduling.MapGroup("/clinics/{clinicId:guid}/policy").WithTags("Clinic policy").RequireAuthorization(Policies.Admin);
        policy.MapGet("", GetAsync).WithName("GetClinicPolicy");
        policy.MapPut("", PutAsync).Validate<ClinicPolicyView>().WithName("UpdateClinicPolicy");
    }

    private static async Task<Results<Ok<ClinicPolicyView>, ProblemHttpResult>> GetAsync(Guid clinicId, ScheduleReader schedules, ClinicPolicies policies, CancellationToken ct) =>
        !(await schedules.ClinicsAsync(ct)).ContainsKey(clinicId) ? Problems.From(Error.NotFound()) : TypedResults.Ok(View(await policies.ForAsync(clinicId, ct)));

    private static async Task<Results<Ok<ClinicPolicyView>, ProblemHttpResult>> PutAsync(Guid clinicId, ClinicPolicyView request, ScheduleReader schedules,
        SchedulingDbContext db, AuditScope audit, CancellationToken ct)
    {
        if (!(await schedules.ClinicsAsync(ct)).ContainsKey(clinicId))
        {
            return Problems.From(Error.NotFound());
        }

        var policy = await db.ClinicPolicies.SingleOrDefaultAsync(p => p.ClinicId == clinicId, ct);
        if (policy is null)
        {
            policy = ClinicPolicy.DefaultFor(clinicId);
            db.ClinicPolicies.Add(policy);
        }

        policy.CancellationCutoffHours = request.CancellationCutoffHours;
        policy.ReminderOffsetsHours = string.Join(',', request.ReminderOffsetsHours.Distinct().OrderDescending());
        policy.WaitlistHoldMinutes = request.WaitlistHoldMinutes;
        await db.SaveChangesAsync(ct);
        audit.Record("clinic_policy.updated", AuditOutcome.Success, "ClinicPolicy", clinicId.ToString());
        return TypedResults.Ok(View(policy));
    }

    private static ClinicPolicyView View(ClinicPolicy p) => new(p.CancellationCutoffHours, p.ReminderOffsets, p.WaitlistHoldMinutes);
}
