using Telemed.Modules.Directory.Localisation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Infrastructure;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Directory.Doctors;

internal static class DoctorSearchEndpoints
{
    public static void MapDoctorSearchEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/specialties", (HttpRequest request) =>
                TypedResults.Ok(Specialties.For(request.Headers.AcceptLanguage.ToString())))
            .AllowAnonymous().WithTags("Directory").WithName("ListSpecialties");
        // Names, addresses and cities in the reader's language (Accept-Language: ru or en), falling back to English.
        api.MapGet("/clinics", async (HttpRequest request, DirectoryDbContext db, CancellationToken ct) => TypedResults.Ok(
                (await db.Clinics.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct))
                .Select(c => (c, Texts: c.TextsIn(LanguagePreference.Of(request.Headers.AcceptLanguage.ToString()))))
                .Select(x => new ClinicView(x.c.Id, x.Texts.Name, x.Texts.Address, x.Texts.City, x.c.Latitude, x.c.Longitude, x.c.TimeZone)).ToList()))
            .AllowAnonymous().WithTags("Directory").WithName("ListClinics");
        // Public: visitors browse doctors before signing in. Only the directory's public attributes, never a patient's.
        api.MapGet("/doctors", SearchAsync).PublicRead().WithTags("Directory").WithName("SearchDoctors");
        api.MapGet("/doctors/{id:guid}", GetAsync).PublicRead().WithTags("Directory").WithName("GetDoctor");
    }

    private static async Task<Results<Ok<PagedResult<DoctorCard>>, ProblemHttpResult>> SearchAsync(HttpRequest request, DirectoryDbContext db,
        string? specialty, string? language, Guid? clinicId, long? minPrice, long? maxPrice, string? name, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (specialty is { Length: > 0 } && !Specialties.IsKnown(specialty)) errors["specialty"] = ["Unknown specialty."];
        if (language is { Length: > 0 } && !Languages.Known.Contains(language)) errors["language"] = ["Unknown language."];
        if (minPrice < 0) errors["minPrice"] = ["The price cannot be negative."];
        if (minPrice > maxPrice) errors["maxPrice"] = ["The maximum price is below the minimum."];
        if (errors.Count > 0)
        {
            return Problems.From(Error.ValidationFailed(errors));
        }

        var paging = PageRequest.From(page, pageSize);
        var query = db.Doctors.AsNoTracking().Where(d => d.Status == DoctorStatus.Active);
        if (specialty is { Length: > 0 }) query = query.Where(d => d.Specialties.Any(s => s.Code == specialty));
        if (language is { Length: > 0 }) query = query.Where(d => d.Languages.Any(l => l.Code == language));
        if (clinicId is { } clinic) query = query.Where(d => d.Clinics.Any(c => c.ClinicId == clinic));
        if (minPrice is { } min) query = query.Where(d => d.HourlyRateMinor >= min);
        if (maxPrice is { } max) query = query.Where(d => d.HourlyRateMinor <= max);
        if (!string.IsNullOrWhiteSpace(name))
        {
            var normalized = DoctorProfile.Normalize(name);
            query = query.Where(d => d.NormalizedName.Contains(normalized));
        }

        var total = await query.CountAsync(ct);
        var doctors = await query.Include(d => d.Specialties).Include(d => d.Languages).Include(d => d.Clinics).AsSplitQuery()
            .OrderBy(d => d.NormalizedName).ThenBy(d => d.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var clinics = await db.Clinics.AsNoTracking().ToDictionaryAsync(c => c.Id, ct);
        return TypedResults.Ok(new PagedResult<DoctorCard>(doctors.Select(d => DoctorViews.Card(d, clinics, LanguagePreference.Of(request.Headers.AcceptLanguage.ToString()))).ToList(), total, paging.Page, paging.PageSize));
    }

    private static async Task<Results<Ok<DoctorProfileView>, ProblemHttpResult>> GetAsync(Guid id, HttpRequest request, DirectoryDbContext db, CancellationToken ct)
    {
        var doctor = await db.Doctors.AsNoTracking().Include(d => d.Specialties).Include(d => d.Languages).Include(d => d.Clinics).AsSplitQuery()
            .SingleOrDefaultAsync(d => d.Id == id && d.Status == DoctorStatus.Active, ct);
        if (doctor is null)
        {
            return Problems.From(Error.NotFound());
        }

        var clinics = await db.Clinics.AsNoTracking().ToDictionaryAsync(c => c.Id, ct);
        return TypedResults.Ok(DoctorViews.Profile(doctor, clinics, LanguagePreference.Of(request.Headers.AcceptLanguage.ToString())));
    }
}
