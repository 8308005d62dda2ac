using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Clinical.Jurisdictions;

/// <summary>What a remote visit's documentation may contain, decided from the facts below (UTC instants).</summary>
/// <param name="HasPriorInPersonVisit">The patient has a completed in-person visit on record before this consultation.</param>
internal sealed record RemoteVisitFacts(bool HasPriorInPersonVisit);

/// <summary>
/// A jurisdiction's rules for telemedicine documentation. Each answers with null when the protocol may be saved or
/// signed as it is, or with the error a clinic's doctor sees (a stable code and a sentence that cites the law).
/// </summary>
internal interface IJurisdictionPolicy
{
    /// <summary>The code kept on the clinic (see <c>JurisdictionCodes</c>).</summary>
    string Code { get; }

    /// <summary>Whether a diagnosis may be recorded as confirmed (not only preliminary) in this remote visit.</summary>
    Error? MayConfirmDiagnosis(RemoteVisitFacts facts);

    /// <summary>Whether new treatment (a prescription for a medicine the patient does not already take) may start in this remote visit.</summary>
    Error? MayStartNewTreatment(RemoteVisitFacts facts);

    /// <summary>What a signed protocol must contain beyond the general rules (e.g. a referral to an in-person visit).</summary>
    Error? SignedProtocolIsComplete(RemoteVisitFacts facts, bool hasInPersonReferral);
}
