namespace Telemed.Modules.Privacy.Consents;

/// <summary>
/// Where a patient stands on one consent: <c>notGiven</c> (never decided), <c>given</c> (to the current version),
/// <c>withdrawn</c>, or <c>renewalNeeded</c> (given to an older version: a new text asks again).
/// </summary>
internal static class ConsentStatusRules
{
    public const string NotGiven = "notGiven";
    public const string Given = "given";
    public const string Withdrawn = "withdrawn";
    public const string RenewalNeeded = "renewalNeeded";

    /// <summary>The status from the latest decision (or none) against the current text version.</summary>
    public static string StatusOf(ConsentDecision? latest, int currentVersion) => latest switch
    {
        null => NotGiven,
        { Given: false } => Withdrawn,
        { Version: var v } when v < currentVersion => RenewalNeeded,
        _ => Given,
    };

    /// <summary>Consent counts only when given to the current version and not withdrawn since.</summary>
    public static bool CountsAsConsent(ConsentDecision? latest, int currentVersion) => StatusOf(latest, currentVersion) == Given;
}
