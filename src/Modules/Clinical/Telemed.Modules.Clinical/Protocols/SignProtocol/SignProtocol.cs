using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Clinical.Signing;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.Protocols.SignProtocol;

/// <summary>The version of the protocol the doctor read and is signing.</summary>
public sealed record SignProtocolRequest(int Version);

internal sealed class SignProtocolRequestValidator : AbstractValidator<SignProtocolRequest>
{
    public SignProtocolRequestValidator() => RuleFor(r => r.Version).GreaterThanOrEqualTo(0);
}

/// <summary>
/// POST /consultations/{id}/protocol/sign: the consultation's doctor signs the protocol they read (detached CMS over its
/// canonical form, time counter-signed by the host); it is locked from then on. Errors: 404 <c>clinical.not_found</c>;
/// 409 <c>clinical.consultation_not_finished</c>, <c>clinical.protocol_changed</c>, <c>clinical.protocol_signed</c>; 422
/// <c>clinical.diagnosis_required</c> and the jurisdiction's (Russia: <c>clinical.in_person_referral_required</c>),
/// <c>clinical.signer_not_active</c> (the doctor profile is suspended or not yet active), <c>clinical.licence_expired</c>.
/// </summary>
internal static class SignProtocol
{
    public static async Task<Results<Ok<ProtocolView>, ProblemHttpResult>> EndpointAsync(Guid id, SignProtocolRequest request, ProtocolSubjects subjects,
        ClinicalDbContext db, IDocumentSignatureProvider signatures, IDirectoryModule directory, TimeProvider clock, CancellationToken ct)
    {
        var found = await subjects.FindForItsDoctorAsync(id, ct);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error!);
        }

        var subject = found.Value;
        var protocol = await db.Protocols.FirstOrDefaultAsync(p => p.ConsultationId == id, ct);
        if (protocol is null)
        {
            // Nothing stored yet: the doctor who read the unsaved draft (version 0) is told what signing needs, not that it changed.
            return Problems.From(request.Version == 0
                ? ProtocolRules.AProtocolIsSignedAfterTheVisitWithADiagnosis(subject.Consultation.Status, []) ?? ProtocolRules.DiagnosisRequired
                : ProtocolRules.ProtocolChanged);
        }

        var broken = (protocol.IsSigned ? ProtocolRules.ProtocolSigned : null)
            ?? ProtocolRules.AProtocolIsSignedAfterTheVisitWithADiagnosis(subject.Consultation.Status, protocol.Diagnoses)
            ?? subject.Policy.SignedProtocolIsComplete(subject.Facts, protocol.Referrals.Any(r => r.Kind == ReferralKind.InPersonVisit))
            ?? (protocol.Version != request.Version ? ProtocolRules.ProtocolChanged : null);
        if (broken is not null)
        {
            return Problems.From(broken);
        }

        var doctor = await directory.GetDoctorByUserAsync(protocol.DoctorUserId, ct);
        if (await PrescriberLicence.CheckAsync(directory, subject.Consultation.ClinicId, doctor, clock.GetUtcNow().UtcDateTime, ct) is { } refused)
        {
            return Problems.From(refused);
        }

        var doctorName = doctor?.DisplayName ?? "Doctor";
        var signature = await signatures.SignAsync(protocol.DoctorUserId, doctorName, ProtocolCanonicalForm.Protocol(protocol), ct);
        var signed = protocol.Sign(request.Version, doctorName, signature);
        if (!signed.IsSuccess)
        {
            return Problems.From(signed.Error!);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.From(ProtocolRules.ProtocolChanged);
        }

        var addenda = await db.Addenda.AsNoTracking().Where(a => a.ProtocolId == protocol.Id).OrderBy(a => a.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(ProtocolViewMapper.Map(subject, protocol, addenda));
    }
}
