using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Contracts;

namespace Telemed.Modules.Clinical.Jurisdictions;

/// <summary>
/// Jurisdictions whose telemedicine rules are not modelled here (United States, European Union): the platform adds no
/// restriction; the clinic's own protocols and the doctor's judgement apply. A clinic with no jurisdiction set gets this too.
/// </summary>
internal sealed class UnrestrictedPolicy(string code) : IJurisdictionPolicy
{
    public static readonly UnrestrictedPolicy UnitedStates = new(JurisdictionCodes.UnitedStates);
    public static readonly UnrestrictedPolicy EuropeanUnion = new(JurisdictionCodes.EuropeanUnion);
    public static readonly UnrestrictedPolicy NotSet = new("");

    public string Code => code;

    public Error? MayConfirmDiagnosis(RemoteVisitFacts facts) => null;

    public Error? MayStartNewTreatment(RemoteVisitFacts facts) => null;

    public Error? SignedProtocolIsComplete(RemoteVisitFacts facts, bool hasInPersonReferral) => null;
}
