using Telemed.Modules.Clinical.Contracts;

namespace Telemed.Modules.Clinical.Jurisdictions;

/// <summary>The policy object for each jurisdiction code; an unknown or empty code gets <see cref="UnrestrictedPolicy.NotSet"/>.</summary>
internal static class JurisdictionPolicies
{
    private static readonly IReadOnlyDictionary<string, IJurisdictionPolicy> ByCode = new Dictionary<string, IJurisdictionPolicy>
    {
        [JurisdictionCodes.Russia] = new RussianTelemedicinePolicy(),
        [JurisdictionCodes.UnitedStates] = UnrestrictedPolicy.UnitedStates,
        [JurisdictionCodes.EuropeanUnion] = UnrestrictedPolicy.EuropeanUnion,
    };

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    public static IJurisdictionPolicy For(string? code) => code is not null && ByCode.TryGetValue(code, out var policy) ? policy : UnrestrictedPolicy.NotSet;
}
