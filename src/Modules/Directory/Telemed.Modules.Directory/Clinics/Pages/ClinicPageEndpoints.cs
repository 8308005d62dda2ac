using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Clinics.Pages;

/// <summary>A clinic page's four sections as Markdown (each up to 20,000 characters; empty when not written).</summary>
public sealed record ClinicPageInput(string Services, string VisitTypes, string Faq, string Contacts);

/// <summary>A clinic page as the admin edits it: Markdown per section; <c>UpdatedAt</c> (UTC) null when never saved.</summary>
public sealed record ClinicPageSource(string Language, string Services, string VisitTypes, string Faq, string Contacts, DateTime? UpdatedAt);

public sealed record MarkdownPreviewRequest(string Markdown);

/// <summary>Markdown rendered exactly as visitors will see it: sanitised HTML.</summary>
public sealed record MarkdownPreview(string Html);

internal sealed class ClinicPageInputValidator : AbstractValidator<ClinicPageInput>
{
    public ClinicPageInputValidator()
    {
        RuleFor(p => p.Services).NotNull().MaximumLength(ClinicPage.MaxSectionLength);
        RuleFor(p => p.VisitTypes).NotNull().MaximumLength(ClinicPage.MaxSectionLength);
        RuleFor(p => p.Faq).NotNull().MaximumLength(ClinicPage.MaxSectionLength);
        RuleFor(p => p.Contacts).NotNull().MaximumLength(ClinicPage.MaxSectionLength);
    }
}

internal sealed class MarkdownPreviewRequestValidator : AbstractValidator<MarkdownPreviewRequest>
{
    public MarkdownPreviewRequestValidator() => RuleFor(p => p.Markdown).NotNull().MaximumLength(ClinicPage.MaxSectionLength);
}

/// <summary>The admin's editor of a clinic's public pages (per language), with a preview; every save audited (<c>clinic.page_updated</c>).</summary>
internal static class ClinicPageEndpoints
{
    public const string PageUpdated = "clinic.page_updated";
    public static readonly Error UnknownLanguage = Error.Validation("directory.unknown_language", "Clinic pages are written in en or ru.");

    public static void MapClinicPageEndpoints(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization(Policies.Admin).WithTags("Administration");
        admin.MapGet("/clinics/{id:guid}/pages", ListAsync).WithName("GetClinicPagesForAdmin");
        admin.MapPut("/clinics/{id:guid}/pages/{language}", SaveAsync).Validate<ClinicPageInput>().WithName("SaveClinicPage");
        admin.MapPost("/clinic-pages/preview", (MarkdownPreviewRequest request) => TypedResults.Ok(new MarkdownPreview(ClinicPageRenderer.ToSafeHtml(request.Markdown))))
            .Validate<MarkdownPreviewRequest>().WithName("PreviewClinicPage");
    }

    /// <summary>Both languages' sources, English first. Errors: <c>not_found</c>.</summary>
    private static async Task<Results<Ok<List<ClinicPageSource>>, ProblemHttpResult>> ListAsync(Guid id, DirectoryDbContext db, CancellationToken ct)
    {
        if (!await db.Clinics.AnyAsync(c => c.Id == id, ct))
        {
            return Problems.From(Error.NotFound());
        }

        var pages = await db.ClinicPages.AsNoTracking().Where(p => p.ClinicId == id).ToListAsync(ct);
        return TypedResults.Ok(ClinicPage.Languages.Select(l => pages.FirstOrDefault(p => p.Language == l) is { } page
            ? Source(page)
            : new ClinicPageSource(l, "", "", "", "", null)).ToList());
    }

    /// <summary>Errors: <c>not_found</c>, <c>directory.unknown_language</c> (400), <c>validation.failed</c> (a section over 20,000 characters).</summary>
    private static async Task<Results<Ok<ClinicPageSource>, ProblemHttpResult>> SaveAsync(Guid id, string language, ClinicPageInput request, DirectoryDbContext db,
        ICurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (!ClinicPage.IsKnownLanguage(language))
        {
            return Problems.From(UnknownLanguage);
        }

        if (!await db.Clinics.AnyAsync(c => c.Id == id, ct))
        {
            return Problems.From(Error.NotFound());
        }

        var page = await db.ClinicPages.SingleOrDefaultAsync(p => p.ClinicId == id && p.Language == language, ct);
        if (page is null)
        {
            page = new ClinicPage { ClinicId = id, Language = language };
            db.ClinicPages.Add(page);
        }

        page.Services = request.Services.Trim();
        page.VisitTypes = request.VisitTypes.Trim();
        page.Faq = request.Faq.Trim();
        page.Contacts = request.Contacts.Trim();
        page.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        page.UpdatedBy = user.UserId;
        db.AuditWithNextSave(PageUpdated, "Clinic", id.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Source(page));
    }

    private static ClinicPageSource Source(ClinicPage p) => new(p.Language, p.Services, p.VisitTypes, p.Faq, p.Contacts, p.UpdatedAt);
}
