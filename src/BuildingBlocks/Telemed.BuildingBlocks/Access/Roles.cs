namespace Telemed.BuildingBlocks.Access;

public static class Roles
{
    public const string Patient = "Patient";
    public const string Doctor = "Doctor";
    public const string FrontDesk = "FrontDesk";
    public const string Pharmacist = "Pharmacist";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Patient, Doctor, FrontDesk, Pharmacist, Admin];
    public static readonly IReadOnlyList<string> Staff = [Doctor, FrontDesk, Pharmacist, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>Authorization policy names shared by every module.</summary>
public static class Policies
{
    /// <summary>Signed in, and past MFA where the role needs it. The fallback for every endpoint.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Password verified; only MFA enrolment and challenge are allowed.</summary>
    public const string PasswordVerified = "password-verified";

    public const string Patient = "role:patient";
    public const string Doctor = "role:doctor";
    public const string FrontDesk = "role:front-desk";
    public const string Pharmacist = "role:pharmacist";
    public const string Admin = "role:admin";
}

public static class TelemedClaims
{
    public const string SessionId = "telemed:sid";
    public const string Mfa = "telemed:mfa";
    public const string MfaEnrolmentRequired = "telemed:mfa-enrol";
    public const string DisplayName = "telemed:name";
}
