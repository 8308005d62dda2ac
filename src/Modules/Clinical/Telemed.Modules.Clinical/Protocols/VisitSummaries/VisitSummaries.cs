using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Icd10;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Directory.Contracts;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Clinical.Protocols.VisitSummaries;

/// <summary>
/// The patient's visit summaries: GET /me/visit-summaries (their signed protocols, newest first) and
/// GET /me/visit-summaries/{consultationId} (one, with its signed addenda). Only signed protocols are shown, and only to
/// the patient they are about; anyone else — the doctor included, who reads the protocol itself — gets 404
/// <c>clinical.not_found</c>, the same answer as for an unknown id, and the refusal is audited. Every protocol read is
/// audited (the module's PHI reads are recorded as the rows load). Diagnosis titles follow the request's Accept-Language
/// (Russian for <c>ru</c>, English otherwise).
/// </summary>
internal static class VisitSummaries
{
    public static async Task<Ok<List<VisitSummaryItem>>> ListAsync(HttpRequest request, ClinicalDbContext db, ICurrentUser user,
        IConsultationsModule consultations, IPatientRepresentation representation, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Patient))
        {
            return TypedResults.Ok(new List<VisitSummaryItem>());
        }

        var me = user.RequireUserId();
        // The reader's own visits and every dependant's it is a guardian of (the directory's rule), whoever booked them.
        var patients = await representation.RepresentedAsync(me, ct);
        var ids = patients.Select(p => p.PatientId).ToList();
        var dependants = patients.Where(p => !p.IsOwn).ToDictionary(p => p.PatientId, p => p.DisplayName);
        var signed = await db.Protocols.AsNoTracking().Where(p => (p.PatientUserId == me || ids.Contains(p.PatientId)) && p.Status == "signed").ToListAsync(ct);
        var titles = await TitlesAsync(db, signed.SelectMany(p => p.Diagnoses), ct);
        var russian = PrefersRussian(request);
        var items = new List<VisitSummaryItem>();
        foreach (var protocol in signed)
        {
            var primary = protocol.Diagnoses.FirstOrDefault(d => d.Role == DiagnosisRole.Primary);
            var visitedAt = (await consultations.GetConsultationAsync(protocol.ConsultationId, ct))?.StartedAt ?? protocol.SignedAt!.Value;
            items.Add(new VisitSummaryItem(protocol.ConsultationId, visitedAt, protocol.SignedBy ?? "",
                primary is null ? null : Title(primary, titles, russian), protocol.SignedAt!.Value, protocol.PatientId, dependants.GetValueOrDefault(protocol.PatientId)));
        }

        return TypedResults.Ok(items.OrderByDescending(i => i.VisitedAt).ToList());
    }

    public static async Task<Results<Ok<VisitSummaryView>, ProblemHttpResult>> GetAsync(Guid consultationId, HttpRequest request, ClinicalDbContext db,
        ICurrentUser user, AuditScope audit, IConsultationsModule consultations, IPatientRepresentation representation, CancellationToken ct)
    {
        var owner = await db.Protocols.AsNoTracking().Where(p => p.ConsultationId == consultationId)
            .Select(p => new { p.Id, p.PatientId, p.PatientUserId, p.Status }).FirstOrDefaultAsync(ct);
        if (owner is null)
        {
            return Problems.From(ProtocolSubjects.NotFound);
        }

        if (!user.IsInRole(Roles.Patient) || owner.Status != "signed"
            || (owner.PatientUserId != user.RequireUserId() && !await representation.ActsForAsync(user.RequireUserId(), owner.PatientId, ct)))
        {
            audit.RecordDenied("VisitProtocol", owner.Id, owner.Status != "signed" ? "visit summary of an unsigned protocol" : "not the protocol's patient");
            return Problems.From(ProtocolSubjects.NotFound);
        }

        var protocol = await db.Protocols.AsNoTracking().FirstAsync(p => p.Id == owner.Id, ct);
        var addenda = await db.Addenda.AsNoTracking().Where(a => a.ProtocolId == protocol.Id).OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var titles = await TitlesAsync(db, protocol.Diagnoses, ct);
        var russian = PrefersRussian(request);
        var visitedAt = (await consultations.GetConsultationAsync(consultationId, ct))?.StartedAt ?? protocol.SignedAt!.Value;
        return TypedResults.Ok(new VisitSummaryView(consultationId, visitedAt, protocol.SignedBy ?? "", protocol.SignedAt!.Value,
            [.. protocol.Diagnoses.OrderBy(d => d.Role).Select(d => new VisitSummaryDiagnosis(d.Code, Title(d, titles, russian),
                d.Role == DiagnosisRole.Primary, d.Certainty == DiagnosisCertainty.Confirmed))],
            protocol.Recommendations, protocol.Referrals, protocol.FollowUpOn,
            [.. addenda.Select(a => new AddendumView(a.Id, a.Text, a.CreatedAt, a.SignedBy))]));
    }

    private static bool PrefersRussian(HttpRequest request) => LanguagePreference.IsRussian(request.Headers.AcceptLanguage.ToString());

    private static async Task<IReadOnlyDictionary<string, Icd10Match>> TitlesAsync(ClinicalDbContext db, IEnumerable<ProtocolDiagnosis> diagnoses,
        CancellationToken ct) => await new Icd10Catalogue(db).FindAsync([.. diagnoses.Select(d => d.Code).Distinct()], ct);

    private static string Title(ProtocolDiagnosis diagnosis, IReadOnlyDictionary<string, Icd10Match> titles, bool russian) =>
        SummaryLanguage.TitleFor(diagnosis, titles, russian);
}
