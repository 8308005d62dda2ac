using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Interop.Import.Matching;

/// <summary>The incoming patient's demographics, as the source sent them. Sex: female, male, other or unknown.</summary>
internal sealed record IncomingPatient(string GivenName, string FamilyName, DateOnly DateOfBirth, string Sex);

/// <summary>What matching decided: one patient, nobody (create one), or several (reject: never guess).</summary>
internal abstract record PatientMatch
{
    public sealed record One(Guid PatientId, bool ByIdentifier) : PatientMatch;

    public sealed record Nobody : PatientMatch;

    public sealed record Several(int Count, bool ByIdentifier) : PatientMatch;
}

/// <summary>
/// The matching rule (docs/fhir.md, "Import"): an identifier with the same system that an earlier import recorded (or the same source's
/// Patient id) decides first; without one, the family name, given name and date of birth must all be equal (case and whitespace
/// ignored), and the sex too unless either side is unknown. Zero → create; one → that patient; several → reject.
/// </summary>
internal static class PatientMatching
{
    public static PatientMatch Decide(IReadOnlyCollection<Guid> byIdentifier, IncomingPatient incoming, IReadOnlyList<PatientIdentity> candidates)
    {
        var identified = byIdentifier.Distinct().ToList();
        if (identified.Count == 1)
        {
            return new PatientMatch.One(identified[0], true);
        }

        if (identified.Count > 1)
        {
            return new PatientMatch.Several(identified.Count, true);
        }

        var same = candidates.Where(c => IsTheSamePerson(incoming, c)).Select(c => c.PatientId).Distinct().ToList();
        return same.Count switch
        {
            0 => new PatientMatch.Nobody(),
            1 => new PatientMatch.One(same[0], false),
            _ => new PatientMatch.Several(same.Count, false),
        };
    }

    /// <summary>Equal names and date of birth; the sex must agree when both sides know it.</summary>
    public static bool IsTheSamePerson(IncomingPatient incoming, PatientIdentity candidate) =>
        NamesAreEqual(incoming.FamilyName, candidate.FamilyName)
        && NamesAreEqual(incoming.GivenName, candidate.GivenName)
        && incoming.DateOfBirth == candidate.DateOfBirth
        && SexAgrees(incoming.Sex, candidate.Sex);

    /// <summary>Names compare without case and with runs of whitespace as one space (" anna  maria " equals "Anna Maria").</summary>
    public static bool NamesAreEqual(string a, string b) => Normalize(a) == Normalize(b);

    public static bool SexAgrees(string a, string b) => a == "unknown" || b == "unknown" || a == b;

    private static string Normalize(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
