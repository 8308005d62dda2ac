using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.Visits.History;

/// <summary>One earlier completed consultation of the same patient: when it ended (UTC), with whom, what about (the complaint in the reader's language).</summary>
public sealed record PastConsultationView(Guid Id, DateTime? EndedAt, string Kind, string Specialty, string? DoctorName, string ComplaintSummary, int? DurationSeconds);

/// <summary>
/// GET /consultations/{id}/history: the consultation's own doctor sees the patient's last
/// <see cref="Limit"/> completed consultations beside the call, newest first. Each loaded record is audited as a PHI
/// read. Anyone else: <c>consultation.not_found</c> (audited as denied).
/// </summary>
internal static class PatientHistory
{
    public const int Limit = 10;

    public static async Task<Results<Ok<List<PastConsultationView>>, ProblemHttpResult>> GetAsync(Guid id, ConsultationAccess access, ConsultationsDbContext db,
        IDirectoryModule directory, CancellationToken ct)
    {
        var (c, _) = await access.FindAsAsync(id, [ConsultationRole.Doctor], ct, track: false);
        if (c is null)
        {
            return Problems.From(ConsultationErrors.NotFound);
        }

        var earlier = await db.Consultations.AsNoTracking()
            .Where(x => x.PatientId == c.PatientId && x.Id != c.Id && x.Status == ConsultationStatus.Completed)
            .OrderByDescending(x => x.EndedAt).Take(Limit).ToListAsync(ct);
        var doctors = await directory.GetDoctorNamesByUserAsync([.. earlier.Select(x => x.DoctorUserId).OfType<Guid>().Distinct()], ct);
        return TypedResults.Ok(earlier.Select(x => new PastConsultationView(x.Id, x.EndedAt, ConsultationViews.Camel(x.Kind.ToString()), x.Specialty,
            x.DoctorUserId is { } d ? doctors.GetValueOrDefault(d) : null, ConsultationViews.SummaryOf(x, ReaderLanguage.Current), x.DurationSeconds)).ToList());
    }
}
