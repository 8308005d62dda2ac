using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Patients;

/// <summary>
/// A front-desk patient search. The term is PHI (a family name, an e-mail or a phone number), so it
/// travels in the body, never in the URL where proxies, logs and browser history would keep it.
/// A blank or absent term lists every patient, oldest first; page from 1, pageSize 1–100 (default 20).
/// </summary>
public sealed record PatientSearchRequest(string? Term, int? Page, int? PageSize);

internal sealed class PatientSearchRequestValidator : AbstractValidator<PatientSearchRequest>
{
    public const int MaxTermLength = 200;

    public PatientSearchRequestValidator()
    {
        RuleFor(r => r.Term).MaximumLength(MaxTermLength);
        // The paging rule of every list (PageRequest.FieldErrors), with its messages.
        RuleFor(r => r.Page).InclusiveBetween(1, PageRequest.MaxPage).When(r => r.Page is not null).WithMessage(PageRequest.PageMessage);
        RuleFor(r => r.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize).When(r => r.PageSize is not null).WithMessage(PageRequest.PageSizeMessage);
    }
}

internal static class PatientSearchEndpoints
{
    public static void MapPatientSearchEndpoints(this IEndpointRouteBuilder api) =>
        api.MapPost("/front-desk/patients/search", SearchAsync).RequireAuthorization(Policies.FrontDesk).Validate<PatientSearchRequest>()
            .WithTags("Patients").WithName("SearchPatients");

    private static async Task<Ok<PagedResult<PatientListItem>>> SearchAsync(PatientSearchRequest request, DirectoryDbContext db, PatientRecords records, CancellationToken ct)
    {
        var paging = PageRequest.From(request.Page, request.PageSize);
        var query = string.IsNullOrWhiteSpace(request.Term) ? db.Patients.AsNoTracking() : records.Search(request.Term).AsNoTracking();
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<PatientListItem>(items.Select(p => new PatientListItem(p.Id, p.DisplayName, p.DateOfBirth)).ToList(), total, paging.Page, paging.PageSize));
    }
}
