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
using Telemed.Modules.Directory.Infrastructure;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Directory.Doctors.Administration;

public sealed record DoctorAdminItem(Guid Id, Guid UserId, string DisplayName, string Email, IReadOnlyList<string> Specialties, string Status);
public sealed record ChangeDoctorStatusRequest(string Status);

internal sealed class ChangeDoctorStatusRequestValidator : AbstractValidator<ChangeDoctorStatusRequest>
{
    /// <summary>Only names: <c>Enum.TryParse</c> would also take "7" and store a status that does not exist.</summary>
    public ChangeDoctorStatusRequestValidator() =>
        RuleFor(r => r.Status).Must(s => s is not null && (s.Equals(nameof(DoctorStatus.Active), StringComparison.OrdinalIgnoreCase)
            || s.Equals(nameof(DoctorStatus.Suspended), StringComparison.OrdinalIgnoreCase))).WithMessage("Use active or suspended.");
}

internal static class DoctorVerificationEndpoints
{
    public static void MapDoctorVerificationEndpoints(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin/doctors").RequireAuthorization(Policies.Admin).WithTags("Administration");
        admin.MapGet("/", ListAsync).WithName("ListDoctorsForVerification");
        admin.MapPost("/{id:guid}/status", ChangeStatusAsync).Validate<ChangeDoctorStatusRequest>().WithName("ChangeDoctorStatus");
    }

    private static async Task<Results<Ok<PagedResult<DoctorAdminItem>>, ProblemHttpResult>> ListAsync(DirectoryDbContext db, IIdentityModule identity, string? status,
        int? page, int? pageSize, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        var query = db.Doctors.AsNoTracking().Include(d => d.Specialties).AsQueryable();
        if (!FilterValues.TryParse<DoctorStatus>(status, out var parsed))
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]> { ["status"] = ["Use pendingVerification, active or suspended."] }));
        }

        if (parsed is { } wanted)
        {
            query = query.Where(d => d.Status == wanted);
        }

        var total = await query.CountAsync(ct);
        var doctors = await query.OrderBy(d => d.NormalizedName).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var items = new List<DoctorAdminItem>();
        foreach (var d in doctors)
        {
            items.Add(new DoctorAdminItem(d.Id, d.UserId, d.DisplayName, await identity.GetEmailAsync(d.UserId, ct) ?? "",
                d.Specialties.Select(s => s.Code).ToList(), DoctorViews.Camel(d.Status.ToString())));
        }

        return TypedResults.Ok(new PagedResult<DoctorAdminItem>(items, total, paging.Page, paging.PageSize));
    }

    /// <summary>
    /// Errors: <c>validation.failed</c>, <c>not_found</c>, <c>directory.invalid_status_transition</c> (409), and
    /// <c>directory.profile_incomplete</c> (422, <c>errors.missing</c> lists what stops activation).
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeStatusAsync(Guid id, ChangeDoctorStatusRequest request, DirectoryDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        if (!Enum.TryParse<DoctorStatus>(request.Status, ignoreCase: true, out var target) || target == DoctorStatus.PendingVerification)
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]> { ["status"] = ["Use active or suspended."] }));
        }

        var doctor = await db.Doctors.Include(d => d.Specialties).Include(d => d.Clinics).AsSplitQuery().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (doctor is null)
        {
            return Problems.From(Error.NotFound());
        }

        var before = doctor.Status;
        var changed = doctor.ChangeStatus(target, await DoctorsToday.OfAsync(db, doctor, clock, ct));
        if (!changed.IsSuccess)
        {
            return Problems.From(changed.Error!);
        }

        db.AuditWithNextSave(AuditActions.DoctorStatusChanged, "DoctorProfile", doctor.Id.ToString(), $"{before} -> {target}");
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
