using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Labs.Infrastructure;

namespace Telemed.Modules.Labs.PartnerLabs.Administer;

/// <summary>
/// A partner lab to create or edit: name, address, the FHIR R4 base URL (absolute http(s), or <c>sandbox:</c> for the demo
/// sandbox lab), whether patients may choose it, and optionally the one clinic it serves (null: every clinic).
/// </summary>
public sealed record PartnerLabRequest(string Name, string Address, string FhirBaseUrl, bool Enabled, Guid? ClinicId);

/// <summary>A partner lab as the admin sees it.</summary>
public sealed record PartnerLabView(Guid Id, string Name, string Address, string FhirBaseUrl, bool Enabled, Guid? ClinicId, DateTime UpdatedAt);

internal sealed class PartnerLabRequestValidator : AbstractValidator<PartnerLabRequest>
{
    public PartnerLabRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(PartnerLab.MaxNameLength);
        RuleFor(r => r.Address).NotEmpty().MaximumLength(PartnerLab.MaxAddressLength);
        RuleFor(r => r.FhirBaseUrl).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(PartnerLab.MaxUrlLength)
            .Must(PartnerLab.IsValidBaseUrl).WithMessage("Give the lab's FHIR R4 base URL (http or https), or sandbox: for the demo lab.");
    }
}

/// <summary>Admin endpoints: list, create (201) and edit (200; 404 <c>labs.partner_lab_not_found</c>) the clinic's partner labs.</summary>
internal static class PartnerLabAdminEndpoints
{
    public static async Task<Ok<IReadOnlyList<PartnerLabView>>> ListAsync(LabsDbContext db, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<PartnerLabView>>([.. (await db.PartnerLabs.AsNoTracking().ToListAsync(ct)).OrderBy(l => l.Name).Select(View)]);

    public static async Task<Created<PartnerLabView>> CreateAsync(PartnerLabRequest request, LabsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var lab = db.PartnerLabs.Add(PartnerLab.Create(request.ClinicId, request.Name, request.Address, request.FhirBaseUrl, request.Enabled,
            clock.GetUtcNow().UtcDateTime)).Entity;
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/admin/partner-labs/{lab.Id}", View(lab));
    }

    public static async Task<Results<Ok<PartnerLabView>, ProblemHttpResult>> EditAsync(Guid id, PartnerLabRequest request, LabsDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (await db.PartnerLabs.SingleOrDefaultAsync(l => l.Id == id, ct) is not { } lab)
        {
            return Problems.From(PartnerLab.NotFound);
        }

        lab.Edit(request.ClinicId, request.Name, request.Address, request.FhirBaseUrl, request.Enabled, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(lab));
    }

    private static PartnerLabView View(PartnerLab l) => new(l.Id, l.Name, l.Address, l.FhirBaseUrl, l.Enabled, l.ClinicId, l.UpdatedAt);
}
