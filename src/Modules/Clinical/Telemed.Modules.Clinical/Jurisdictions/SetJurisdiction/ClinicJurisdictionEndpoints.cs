using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.Jurisdictions.SetJurisdiction;

/// <summary>The clinic's telemedicine jurisdiction: a <c>JurisdictionCodes</c> value, or empty for none.</summary>
public sealed record JurisdictionView(Guid ClinicId, string Jurisdiction);

/// <summary>
/// PUT body: <c>ru-323fz</c>, <c>us</c>, <c>eu</c>, or empty (<c>""</c>) to clear. Required: left out or null it is 400
/// <c>validation.failed</c>, never read as "clear" (the clinic would silently lose its rules).
/// </summary>
public sealed record SetJurisdictionRequest(string Jurisdiction);

internal sealed class SetJurisdictionRequestValidator : AbstractValidator<SetJurisdictionRequest>
{
    public SetJurisdictionRequestValidator() =>
        RuleFor(r => r.Jurisdiction).Cascade(CascadeMode.Stop).NotNull().Must(j => j.Length == 0 || JurisdictionPolicies.IsKnown(j))
            .WithMessage($"Use one of: {string.Join(", ", JurisdictionCodes.All)}, or empty.");
}

/// <summary>
/// GET and PUT /admin/clinics/{id}/jurisdiction (admins): which telemedicine law the clinic's protocols follow. 404
/// <c>clinical.clinic_not_found</c> for an unknown clinic; 400 <c>validation.failed</c> for an unknown code. Changes audited.
/// </summary>
internal static class ClinicJurisdictionEndpoints
{
    public static readonly Error ClinicNotFound = new("clinical.clinic_not_found", "No such clinic.", ErrorKind.NotFound);

    public static async Task<Results<Ok<JurisdictionView>, ProblemHttpResult>> GetAsync(Guid id, IDirectoryModule directory, ClinicalDbContext db, CancellationToken ct)
    {
        if (!(await directory.GetClinicsAsync(ct)).Any(c => c.ClinicId == id))
        {
            return Problems.From(ClinicNotFound);
        }

        var code = await db.Jurisdictions.AsNoTracking().Where(j => j.ClinicId == id).Select(j => j.Code).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new JurisdictionView(id, code ?? ""));
    }

    public static async Task<Results<Ok<JurisdictionView>, ProblemHttpResult>> PutAsync(Guid id, SetJurisdictionRequest request, IDirectoryModule directory,
        ClinicalDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!(await directory.GetClinicsAsync(ct)).Any(c => c.ClinicId == id))
        {
            return Problems.From(ClinicNotFound);
        }

        var row = await db.Jurisdictions.FirstOrDefaultAsync(j => j.ClinicId == id, ct);
        if (row is null)
        {
            row = new ClinicJurisdiction { ClinicId = id };
            db.Jurisdictions.Add(row);
        }

        row.Code = request.Jurisdiction;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        // With the save, in its transaction: a save that fails leaves no success in the trail.
        db.AuditWithNextSave("clinic.jurisdiction_set", "Clinic", id.ToString(), row.Code);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new JurisdictionView(id, row.Code));
    }
}
