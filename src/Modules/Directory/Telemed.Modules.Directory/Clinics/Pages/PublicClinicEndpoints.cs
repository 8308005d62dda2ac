using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Infrastructure;
using Telemed.Modules.Directory.Localisation;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Directory.Clinics.Pages;

/// <summary>A clinic in the public list (visitors, before sign-in).</summary>
public sealed record PublicClinicSummary(Guid Id, string Name, string City, string Address);

/// <summary>
/// A clinic's page sections as sanitised HTML (empty when not written in this language nor in English).
/// <c>Language</c> says which language each section came from: the one asked for, or "en" where it fell back.
/// </summary>
public sealed record PublicClinicSection(string Html, string Language);

/// <summary>A clinic's public page: contacts as the admin recorded them and the four written sections.</summary>
public sealed record PublicClinicPage(Guid Id, string Name, string Address, string City, string TimeZone, string Phone, string Email, string OpeningHours,
    string Language, PublicClinicSection Services, PublicClinicSection VisitTypes, PublicClinicSection Faq, PublicClinicSection Contacts);

/// <summary>The clinics' public pages: anonymous reads of what admins published (no PHI; nothing audited).</summary>
internal static class PublicClinicEndpoints
{
    public static void MapPublicClinicEndpoints(this IEndpointRouteBuilder api)
    {
        var visitors = api.MapGroup("/public/clinics").AllowAnonymous().WithTags("Public");
        // Names, cities and addresses in the visitor's language (?language=ru, else Accept-Language), falling back to English.
        visitors.MapGet("/", async (string? language, HttpRequest request, DirectoryDbContext db, CancellationToken ct) => TypedResults.Ok(
                (await db.Clinics.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct))
                .Select(c => (c.Id, Texts: c.TextsIn(LanguagePreference.Of(language ?? request.Headers.AcceptLanguage.ToString()))))
                .Select(c => new PublicClinicSummary(c.Id, c.Texts.Name, c.Texts.City, c.Texts.Address)).ToList()))
            .WithName("ListPublicClinics");
        visitors.MapGet("/{id:guid}", GetAsync).WithName("GetPublicClinicPage");
    }

    /// <summary>
    /// <paramref name="language"/>: en or ru; without it the visitor's <c>Accept-Language</c> decides, as for the list (anything
    /// else reads as en). Errors: <c>not_found</c>.
    /// </summary>
    private static async Task<Results<Ok<PublicClinicPage>, ProblemHttpResult>> GetAsync(Guid id, string? language, HttpRequest request, DirectoryDbContext db,
        CancellationToken ct)
    {
        language = string.IsNullOrWhiteSpace(language) ? ReaderLanguage.Of(request.Headers.AcceptLanguage.ToString()) : language;
        var clinic = await db.Clinics.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (clinic is null)
        {
            return Problems.From(Error.NotFound());
        }

        var wanted = ClinicPage.IsKnownLanguage(language) ? language! : ClinicPage.FallbackLanguage;
        var pages = await db.ClinicPages.AsNoTracking().Where(p => p.ClinicId == id).ToListAsync(ct);
        var own = pages.FirstOrDefault(p => p.Language == wanted);
        var fallback = pages.FirstOrDefault(p => p.Language == ClinicPage.FallbackLanguage);
        PublicClinicSection Section(Func<ClinicPage, string> text) => SectionFallback.Choose(own is null ? "" : text(own), fallback is null ? "" : text(fallback), wanted);
        var texts = clinic.TextsIn(LanguagePreference.Of(wanted));
        return TypedResults.Ok(new PublicClinicPage(clinic.Id, texts.Name, texts.Address, texts.City, clinic.TimeZone, clinic.Phone, clinic.Email,
            clinic.OpeningHours, wanted, Section(p => p.Services), Section(p => p.VisitTypes), Section(p => p.Faq), Section(p => p.Contacts)));
    }
}

/// <summary>Which text a visitor reads for one section.</summary>
internal static class SectionFallback
{
    /// <summary>The section in the visitor's language when written, else the English one, rendered and sanitised.</summary>
    public static PublicClinicSection Choose(string own, string english, string language) =>
        own.Length > 0 || language == ClinicPage.FallbackLanguage
            ? new PublicClinicSection(ClinicPageRenderer.ToSafeHtml(own), language)
            : new PublicClinicSection(ClinicPageRenderer.ToSafeHtml(english), ClinicPage.FallbackLanguage);
}
