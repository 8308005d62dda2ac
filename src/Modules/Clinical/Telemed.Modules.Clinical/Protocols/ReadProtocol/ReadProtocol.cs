using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Protocols.ReadProtocol;

/// <summary>
/// GET /consultations/{id}/protocol: the consultation's doctor reads the protocol (or, before the first save, a draft with the
/// complaints pre-filled), the patient's complaint and what the clinic's jurisdiction allows. Anyone else: 404
/// <c>clinical.not_found</c> (audited as denied). The read of a saved protocol is audited.
/// </summary>
internal static class ReadProtocol
{
    public static async Task<Results<Ok<ProtocolView>, ProblemHttpResult>> EndpointAsync(Guid id, ProtocolSubjects subjects, ClinicalDbContext db,
        CancellationToken ct)
    {
        var subject = await subjects.FindForItsDoctorAsync(id, ct);
        if (!subject.IsSuccess)
        {
            return Problems.From(subject.Error!);
        }

        var protocol = await db.Protocols.AsNoTracking().FirstOrDefaultAsync(p => p.ConsultationId == id, ct);
        var addenda = protocol is { IsSigned: true }
            ? await db.Addenda.AsNoTracking().Where(a => a.ProtocolId == protocol.Id).OrderBy(a => a.CreatedAt).ToListAsync(ct)
            : [];
        return TypedResults.Ok(ProtocolViewMapper.Map(subject.Value, protocol, addenda));
    }
}
