using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Contracts;

namespace Telemed.Modules.Clinical.Jurisdictions;

/// <summary>
/// Russian Federation. Federal Law No. 323-FZ "On the fundamentals of health protection", art. 36.2 part 3, and Ministry of
/// Health order No. 965n of 30 Nov 2017 (procedure for medical care with telemedicine technologies), items 40–43: a remote
/// consultation of a patient who has not been seen in person by a doctor may not establish a diagnosis or prescribe treatment;
/// it may give a preliminary assessment and refer the patient to an in-person visit. Once an in-person visit is on record,
/// remote follow-ups may correct earlier treatment and confirm diagnoses.
/// </summary>
internal sealed class RussianTelemedicinePolicy : IJurisdictionPolicy
{
    public static readonly Error ConfirmedDiagnosisNeedsInPersonVisit = new("clinical.confirmed_diagnosis_needs_in_person_visit",
        "Under Russian law (323-FZ art. 36.2) a remote consultation may record only a preliminary diagnosis until the patient has had an in-person visit.",
        ErrorKind.Unprocessable);

    public static readonly Error NewTreatmentNeedsInPersonVisit = new("clinical.treatment_needs_in_person_visit",
        "Under Russian law (323-FZ art. 36.2) a remote consultation may not start new treatment until the patient has had an in-person visit.",
        ErrorKind.Unprocessable);

    public static readonly Error InPersonReferralRequired = new("clinical.in_person_referral_required",
        "Under Russian law (323-FZ art. 36.2) a first remote consultation ends with a referral to an in-person visit; add one before signing.",
        ErrorKind.Unprocessable);

    public string Code => JurisdictionCodes.Russia;

    public Error? MayConfirmDiagnosis(RemoteVisitFacts facts) => facts.HasPriorInPersonVisit ? null : ConfirmedDiagnosisNeedsInPersonVisit;

    public Error? MayStartNewTreatment(RemoteVisitFacts facts) => facts.HasPriorInPersonVisit ? null : NewTreatmentNeedsInPersonVisit;

    public Error? SignedProtocolIsComplete(RemoteVisitFacts facts, bool hasInPersonReferral) =>
        facts.HasPriorInPersonVisit || hasInPersonReferral ? null : InPersonReferralRequired;
}
