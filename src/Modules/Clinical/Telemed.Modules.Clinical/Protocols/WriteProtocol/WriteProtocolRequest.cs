using System.Text.Json.Serialization;
using FluentValidation;
using Telemed.BuildingBlocks.Http;

namespace Telemed.Modules.Clinical.Protocols.WriteProtocol;

/// <summary>A diagnosis as the doctor picks it: an ICD-10 code (with or without its dot), primary or secondary, preliminary or confirmed.</summary>
public sealed record DiagnosisInput(string Code, DiagnosisRole Role, DiagnosisCertainty Certainty);

/// <summary>
/// PUT /consultations/{id}/protocol: the whole protocol as the doctor's screen holds it, with the <c>Version</c> it last read
/// (0 before the first save). Sections are plain text (≤ 20,000 characters each); <c>FollowUpOn</c> is a calendar date after
/// the visit's day in the clinic's zone.
/// <para>
/// Every section, <c>diagnoses</c>, <c>referrals</c> and <c>followUpOn</c> must be sent, as the save replaces the whole protocol: null
/// (or <c>""</c>, <c>[]</c>) says "none", but a member left out is 400 <c>request.invalid</c> naming each missing one, never read
/// as "none" (a client that sent only the complaints would silently erase the findings, the diagnoses and the follow-up).
/// </para>
/// </summary>
public sealed record WriteProtocolRequest(int Version, [property: JsonRequired] string? Complaints, [property: JsonRequired] string? HistoryOfPresentIllness,
    [property: JsonRequired] string? ObjectiveFindings, [property: JsonRequired] string? Recommendations,
    [property: JsonRequired] IReadOnlyList<DiagnosisInput>? Diagnoses, [property: JsonRequired] IReadOnlyList<ProtocolReferral>? Referrals,
    [property: JsonRequired] DateOnly? FollowUpOn);

internal sealed class WriteProtocolRequestValidator : AbstractValidator<WriteProtocolRequest>
{
    public WriteProtocolRequestValidator()
    {
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0);
        RuleForEach(r => r.Diagnoses).NotNull().WithMessage("A diagnosis cannot be null.").ChildRules(d =>
        {
            d.RuleFor(x => x.Code).NotEmpty().MaximumLength(10);
            d.RuleFor(x => x.Role).IsDefinedEnum();
            d.RuleFor(x => x.Certainty).IsDefinedEnum();
        });
        RuleForEach(r => r.Referrals).NotNull().WithMessage("A referral cannot be null.").ChildRules(x =>
        {
            x.RuleFor(y => y.Kind).IsDefinedEnum();
            x.RuleFor(y => y.Target).NotNull().MaximumLength(200);
            x.RuleFor(y => y.Note).MaximumLength(1000);
        });
    }
}
