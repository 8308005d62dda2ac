using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.Modules.Consultations.Visits.Notes;

/// <summary>The doctor's notes (≤ 20,000 characters, encrypted at rest).</summary>
public sealed record NotesRequest(string Text);

/// <summary>The notes and when they were last written (UTC), or null when never.</summary>
public sealed record NotesView(string Text, DateTime? UpdatedAt);

internal sealed class NotesRequestValidator : AbstractValidator<NotesRequest>
{
    public NotesRequestValidator() => RuleFor(r => r.Text).NotNull().MaximumLength(20000).WithMessage("Notes are limited to 20000 characters.");
}

/// <summary>
/// GET and PUT /consultations/{id}/notes: only the consultation's own doctor reads or writes them (a patient or another
/// doctor gets <c>consultation.not_found</c>, audited as denied); writing needs a consultation in progress or completed.
/// </summary>
internal static class ConsultationNotes
{
    public static async Task<Results<Ok<NotesView>, ProblemHttpResult>> GetAsync(Guid id, ConsultationAccess access, CancellationToken ct)
    {
        var (c, _) = await access.FindAsAsync(id, [ConsultationRole.Doctor], ct, track: false);
        return c is null ? Problems.From(ConsultationErrors.NotFound) : TypedResults.Ok(new NotesView(c.Notes ?? "", c.NotesUpdatedAt));
    }

    public static async Task<Results<Ok<NotesView>, ProblemHttpResult>> PutAsync(Guid id, NotesRequest request, ConsultationAccess access,
        ConsultationsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (c, _) = await access.FindAsAsync(id, [ConsultationRole.Doctor], ct);
        if (c is null)
        {
            return Problems.From(ConsultationErrors.NotFound);
        }

        var written = c.WriteNotes(request.Text, clock.GetUtcNow().UtcDateTime);
        if (!written.IsSuccess)
        {
            return Problems.From(written.Error!);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new NotesView(c.Notes ?? "", c.NotesUpdatedAt));
    }
}
