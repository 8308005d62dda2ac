using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.PrescriptionDocuments.DownloadPrescriptionDocument;

/// <summary>
/// GET /prescriptions/{id}/document.pdf: the signed prescription as a PDF (see <see cref="PrescriptionPdf"/>), for the
/// patient it was written for (or their guardian) and for its prescriber. The reader's language (<c>?language=en|ru</c>, which
/// the web app adds to its download link, else the request's Accept-Language) applies to the generic layout. Everyone else — a pharmacist, the front desk, an admin, another doctor —
/// gets 404 <c>clinical.not_found</c>, as for an unknown id or a draft, and the refusal is audited; a download is audited
/// as a read of the prescription. A cancelled, expired or altered prescription still downloads (200): it is the patient's
/// record, printed stamped and without its QR code (<see cref="DocumentStanding"/>), so it cannot be presented as valid.
/// </summary>
internal static class DownloadPrescriptionDocument
{
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> EndpointAsync(Guid id, string? language, HttpRequest request,
        [FromServices] IPrescriptionsForDispensing prescriptions,
        IPatientRepresentation representation, PrescriptionDocumentComposer documents, ICurrentUser user, AuditScope audit, CancellationToken ct)
    {
        var prescription = await prescriptions.FindAsync(id, ct);
        if (prescription is null)
        {
            return Problems.From(Prescriptions.PrescriptionSubjects.NotFound);
        }

        if (!await MayReadAsync(prescription, user, representation, ct))
        {
            audit.RecordDenied("Prescription", id, "not the patient, a guardian or the prescriber");
            return Problems.From(Prescriptions.PrescriptionSubjects.NotFound);
        }

        audit.RecordPhiAccess(AuditActions.PhiRead, "Prescription", id, prescription.PatientId);
        var bytes = await documents.RenderAsync(prescription, ReaderLanguage.Of(language, request), ct);
        return TypedResults.File(bytes, "application/pdf", $"prescription-{prescription.VerificationCode}.pdf");
    }

    private static async Task<bool> MayReadAsync(PrescriptionForDispensing prescription, ICurrentUser user, IPatientRepresentation representation, CancellationToken ct)
    {
        var userId = user.RequireUserId();
        if (user.IsInRole(Roles.Doctor) && prescription.PrescriberUserId == userId)
        {
            return true;
        }

        if (!user.IsInRole(Roles.Patient))
        {
            return false;
        }

        return await representation.ActsForAsync(userId, prescription.PatientId, ct);
    }
}
