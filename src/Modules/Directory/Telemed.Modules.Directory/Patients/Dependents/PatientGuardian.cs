namespace Telemed.Modules.Directory.Patients.Dependents;

/// <summary>
/// A guardian's account linked to a patient record (a child). The child is a patient of their own (appointments name
/// the child as the patient); the guardian's account acts for them: books, sees and joins the visits, receives the
/// notices. The child's profile keeps a reserved account id of its own, so that at 18 the child can get a login on it
/// and the guardian links can be removed, without moving any record.
/// </summary>
internal sealed class PatientGuardian
{
    public Guid PatientId { get; init; }
    public Guid GuardianUserId { get; init; }

    /// <summary>UTC instant the link was made.</summary>
    public DateTime CreatedAt { get; init; }
}

/// <summary>The age rule for dependents: a guardian adds children, not adults (who register themselves).</summary>
internal static class DependentRules
{
    public const int AdultAge = 18;

    /// <summary>True when someone born on <paramref name="dateOfBirth"/> is under 18 on <paramref name="today"/> (and already born).</summary>
    public static bool IsAMinorOn(DateOnly dateOfBirth, DateOnly today) => dateOfBirth <= today && dateOfBirth.AddYears(AdultAge) > today;
}
