using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Text;
using Telemed.Modules.Consultations.Complaints;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Triage;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.Visits.Read;

/// <summary>
/// The patient's complaint form as sent (codes), its one-line summary in the reader's language (<c>Accept-Language</c>) and the
/// triage result.
/// </summary>
public sealed record ComplaintView(Guid ConsultationId, ComplaintForm Complaint, string Summary, TriageResult Triage);

/// <summary>The complaint form's body map regions and symptoms: codes with their labels in the reader's language (<c>Accept-Language</c>).</summary>
public sealed record BodyMapView(IReadOnlyList<BodyRegion> Regions, IReadOnlyList<SymptomOption> Symptoms);

/// <summary>
/// Reading consultations: one (its patient, its doctor, or a pool doctor it is offered to), its complaint form, and a
/// patient account's last 100 (its own and its dependants', each naming whom it is for). Unknown and forbidden ids both answer <c>consultation.not_found</c>.
/// </summary>
internal static class ReadConsultation
{
    public const int MineLimit = 100;

    public static async Task<Results<Ok<ConsultationView>, ProblemHttpResult>> OneAsync(Guid id, ConsultationAccess access, ConsultationViews views, CancellationToken ct)
    {
        var (c, role) = await access.FindAsync(id, ct, track: false);
        return c is null ? Problems.From(ConsultationErrors.NotFound) : TypedResults.Ok(await views.OneAsync(c, role, ct));
    }

    public static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> ComplaintAsync(Guid id, ConsultationAccess access, CancellationToken ct)
    {
        var (c, _) = await access.FindAsync(id, ct, track: false);
        if (c is null || ConsultationViews.ComplaintOf(c) is not { } form)
        {
            return Problems.From(ConsultationErrors.NotFound);
        }

        return TypedResults.Ok(new ComplaintView(c.Id, form, ConsultationViews.SummaryOf(c, ReaderLanguage.Current), ConsultationViews.TriageOf(c)));
    }

    /// <summary>
    /// GET /consultations/mine: the consultations the account asked for, newest first: its own and a guardian's children's (the
    /// account is their <c>PatientUserId</c>). Each names whom it is for (<see cref="ConsultationViews.ForAccountAsync"/>).
    /// </summary>
    public static async Task<Ok<IReadOnlyList<ConsultationView>>> MineAsync(ICurrentUser user, ConsultationsDbContext db, ConsultationViews views,
        IPatientRepresentation representation, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var mine = await db.Consultations.AsNoTracking().Where(c => c.PatientUserId == me).OrderByDescending(c => c.CreatedAt).Take(MineLimit).ToListAsync(ct);
        return TypedResults.Ok(await views.ForAccountAsync(mine, await representation.RepresentedAsync(me, ct), ct));
    }

    public static Ok<BodyMapView> BodyMap() => TypedResults.Ok(LanguagePreference.IsRussian(ReaderLanguage.Current)
        ? new BodyMapView(
            [.. Complaints.BodyMap.Regions.Select(r => r with { Label = ComplaintWordsRu.Regions.GetValueOrDefault(r.Code, r.Label) })],
            [.. Complaints.BodyMap.Symptoms.Select(s => s with { Label = ComplaintWordsRu.Symptoms.GetValueOrDefault(s.Code, s.Label) })])
        : new BodyMapView(Complaints.BodyMap.Regions, Complaints.BodyMap.Symptoms));

    public static Ok<TriageResult> Assess(ComplaintForm form) => TypedResults.Ok(TriageWording.In(TriageRules.Assess(form), ReaderLanguage.Current));
}
