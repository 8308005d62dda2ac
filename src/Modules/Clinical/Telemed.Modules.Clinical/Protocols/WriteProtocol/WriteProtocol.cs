using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Icd10;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Clinical.Protocols.WriteProtocol;

/// <summary>
/// PUT /consultations/{id}/protocol: the consultation's doctor saves the protocol (the screen autosaves while the call runs).
/// Errors: 404 <c>clinical.not_found</c> (not their consultation); 409 <c>clinical.consultation_not_started</c>,
/// <c>clinical.protocol_changed</c> (the version is not the latest: another tab saved), <c>clinical.protocol_signed</c> (locked: add an
/// addendum instead); 422 <c>clinical.unknown_icd10_code</c>
/// (field <c>diagnoses[i].code</c>), <c>clinical.one_primary_diagnosis</c>, <c>clinical.duplicate_diagnosis</c>,
/// <c>clinical.empty_referral</c>, <c>clinical.unknown_referral_target</c> (field <c>referrals[i].target</c>: a specialist referral's
/// target is not a specialty code, or a lab referral's LOINC code has a wrong check digit or is not in the lab catalogue),
/// <c>clinical.duplicate_referral</c> (field <c>referrals[i].target</c> of the repeat), <c>clinical.follow_up_in_the_past</c>, <c>clinical.follow_up_too_far</c>, <c>clinical.section_too_long</c>, and the
/// jurisdiction's own (Russia: <c>clinical.confirmed_diagnosis_needs_in_person_visit</c>). Nothing is saved on an error.
/// </summary>
internal static class WriteProtocol
{
    public static async Task<Results<Ok<ProtocolView>, ProblemHttpResult>> EndpointAsync(Guid id, WriteProtocolRequest request, ProtocolSubjects subjects,
        Icd10Catalogue catalogue, ILabCatalogueCodes labCatalogue, ClinicalDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var found = await subjects.FindForItsDoctorAsync(id, ct);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error!);
        }

        var subject = found.Value;
        var content = await ContentAsync(request, catalogue, labCatalogue, ct);
        if (!content.IsSuccess)
        {
            return Problems.From(content.Error!);
        }

        if (Check(subject, content.Value, request) is { } broken)
        {
            return Problems.From(broken);
        }

        var c = subject.Consultation;
        var protocol = await db.Protocols.FirstOrDefaultAsync(p => p.ConsultationId == id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (protocol is null)
        {
            protocol = VisitProtocol.Start(c.ConsultationId, c.PatientId, c.PatientUserId, c.DoctorUserId!.Value, now);
            db.Protocols.Add(protocol);
        }

        var written = protocol.Write(content.Value, request.Version, now);
        if (!written.IsSuccess)
        {
            return Problems.From(written.Error!);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            // Another tab saved first: the first write of a new protocol loses on the unique consultation id, a later one
            // on the version token.
            return Problems.From(ProtocolRules.ProtocolChanged);
        }

        return TypedResults.Ok(ProtocolViewMapper.Map(subject, protocol));
    }

    private static Error? Check(ProtocolSubject subject, ProtocolContent content, WriteProtocolRequest request) =>
        ProtocolRules.TheConsultationHasStarted(subject.Consultation.Status)
        ?? ProtocolRules.SectionsAreWithinTheLimit(request.Complaints, request.HistoryOfPresentIllness, request.ObjectiveFindings, request.Recommendations)
        ?? ProtocolRules.DiagnosesHaveExactlyOnePrimaryAndNoDuplicates(content.Diagnoses)
        ?? ProtocolRules.ReferralsNameWhatTheyAreFor(content.Referrals)
        ?? ProtocolRules.NoReferralIsListedTwice(content.Referrals)
        ?? ProtocolRules.FollowUpIsAfterTheVisit(content.FollowUpOn, subject.VisitDay)
        ?? (content.Diagnoses.Any(d => d.Certainty == DiagnosisCertainty.Confirmed) ? subject.Policy.MayConfirmDiagnosis(subject.Facts) : null);

    /// <summary>
    /// The request's content with each diagnosis code written as the catalogue writes it and titled from it, and each referral's
    /// target as its code (a specialty code; a lab test's LOINC code as the lab catalogue writes it).
    /// </summary>
    private static async Task<Result<ProtocolContent>> ContentAsync(WriteProtocolRequest request, Icd10Catalogue catalogue, ILabCatalogueCodes labCatalogue,
        CancellationToken ct)
    {
        var inputs = request.Diagnoses ?? [];
        var codes = inputs.Select(d => Icd10Code.Normalise(d.Code)).ToList();
        var known = await catalogue.FindAsync([.. codes.OfType<string>()], ct);
        var diagnoses = new List<ProtocolDiagnosis>();
        for (var i = 0; i < inputs.Count; i++)
        {
            if (codes[i] is not { } code || !known.TryGetValue(code, out var entry))
            {
                return new Error("clinical.unknown_icd10_code", "A diagnosis code is not in the clinic's ICD-10 catalogue.", ErrorKind.Unprocessable,
                    new Dictionary<string, string[]> { [$"diagnoses[{i}].code"] = ["Not in the ICD-10 catalogue."] });
            }

            diagnoses.Add(new ProtocolDiagnosis(entry.Code, entry.TitleEn, inputs[i].Role, inputs[i].Certainty));
        }

        var referrals = ProtocolRules.ReferralTargetsAreKnownCodes(
            [.. (request.Referrals ?? []).Select(r => r with { Target = r.Target?.Trim() ?? "", Note = r.Note?.Trim() })], labCatalogue.CatalogueCodeOf);
        if (!referrals.IsSuccess)
        {
            return referrals.Error!;
        }

        return new ProtocolContent(request.Complaints ?? "", request.HistoryOfPresentIllness ?? "", request.ObjectiveFindings ?? "",
            request.Recommendations ?? "", diagnoses, referrals.Value, request.FollowUpOn);
    }
}
