namespace Telemed.Modules.Consultations.Calls.Group;

/// <summary>The API's names of guest roles and statuses (camelCase enum names).</summary>
internal static class GuestRoles
{
    public static CallGuestRole? Parse(string? role) => role switch
    {
        "interpreter" => CallGuestRole.Interpreter,
        "family" => CallGuestRole.Family,
        "consultingDoctor" => CallGuestRole.ConsultingDoctor,
        _ => null,
    };

    public static string Name<T>(T value) where T : struct, Enum
    {
        var s = value.ToString();
        return char.ToLowerInvariant(s[0]) + s[1..];
    }
}
