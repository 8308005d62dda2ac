using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Labs.Infrastructure;

namespace Telemed.Modules.Labs.PartnerLabs.Administer;

/// <summary>
/// A partner lab to create or edit: name, address, the FHIR R4 base URL (absolute https without credentials on a host that is
/// not loopback or link-local — <see cref="OutboundUrlRule"/> — or <c>sandbox:</c> for the demo sandbox lab), whether patients may
/// choose it, and optionally the one clinic it serves (null: every clinic).
/// <c>clinicId</c> must be sent, null included: left out it is 400 <c>request.invalid</c> naming it, never read as "every clinic"
/// (an edit without it would silently offer a clinic's own lab to every clinic's patients).
/// </summary>
public sealed record PartnerLabRequest(string Name, string Address, string FhirBaseUrl, bool Enabled, [property: JsonRequired] Guid? ClinicId);

/// <summary>A partner lab as the admin sees it.</summary>
public sealed record PartnerLabView(Guid Id, string Name, string Address, string FhirBaseUrl, bool Enabled, Guid? ClinicId, DateTime UpdatedAt);

internal sealed class PartnerLabRequestValidator : AbstractValidator<PartnerLabRequest>
{
    /// <summary>The base URL's rule is the host's outbound rule (<paramref name="outbound"/>: loopback only in development with <c>Outbound:AllowLoopback</c>).</summary>
    public PartnerLabRequestValidator(OutboundPolicy outbound)
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(PartnerLab.MaxNameLength);
        RuleFor(r => r.Address).NotEmpty().MaximumLength(PartnerLab.MaxAddressLength);
        RuleFor(r => r.FhirBaseUrl).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(PartnerLab.MaxUrlLength)
            .Must(url => PartnerLab.BaseUrlProblem(url, outbound.AllowLoopback) is null)
            .WithMessage("Give the lab's FHIR R4 base URL: https, without a user name or password, on a host that is not loopback or link-local; or sandbox: for the demo lab.");
    }
}

/// <summary>Admin endpoints: list, create (201) and edit (200; 404 <c>labs.partner_lab_not_found</c>) the clinic's partner labs.</summary>
internal static class PartnerLabAdminEndpoints
{
    public static async Task<Ok<IReadOnlyList<PartnerLabView>>> ListAsync(LabsDbContext db, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<PartnerLabView>>([.. (await db.PartnerLabs.AsNoTracking().ToListAsync(ct)).OrderBy(l => l.Name).Select(View)]);

    /// <summary>The operation's name in <c>create_request_keys</c>.</summary>
    public const string CreateOperation = "labs.create_partner_lab";

    /// <summary>
    /// 201 with the lab. With an <c>Idempotency-Key</c> header one lab per key: the same request sent again (a lost answer, a second
    /// click, or twice at once) is answered 201 with the lab it created; the same key with another body is 422
    /// <c>idempotency.key_reused</c>, a key over 100 characters 400 <c>idempotency.key_invalid</c> (docs/api-v1.md, "Retrying a create").
    /// </summary>
    public static async Task<Results<Created<PartnerLabView>, ProblemHttpResult>> CreateAsync(PartnerLabRequest request, HttpRequest http, LabsDbContext db,
        ICurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = await db.ClaimAsync(http, user.RequireUserId(), CreateOperation, request, now, ct);
        if (claim.Answer is { } answer)
        {
            return await AnswerOfAsync(answer, db, ct);
        }

        var lab = db.PartnerLabs.Add(PartnerLab.Create(request.ClinicId, request.Name, request.Address, request.FhirBaseUrl, request.Enabled, now)).Entity;
        if (await db.SaveCreatedAsync(claim.Key, lab.Id, ct) is { } raced)
        {
            return await AnswerOfAsync(raced, db, ct);
        }

        return TypedResults.Created($"/api/v1/admin/partner-labs/{lab.Id}", View(lab));
    }

    /// <summary>
    /// The answer to an earlier request with the same key: 201 with the lab it created (as it is now), its key's error (422), or 404
    /// <c>labs.partner_lab_not_found</c> (labs are not deleted today).
    /// </summary>
    private static Task<Results<Created<PartnerLabView>, ProblemHttpResult>> AnswerOfAsync(Result<Guid> earlier, LabsDbContext db, CancellationToken ct) =>
        earlier.AnswerAsync(async id => await db.PartnerLabs.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct) is { } lab
            ? TypedResults.Created($"/api/v1/admin/partner-labs/{lab.Id}", View(lab))
            : null, PartnerLab.NotFound);

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
