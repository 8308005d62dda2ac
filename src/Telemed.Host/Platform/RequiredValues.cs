using System.Text.Json.Serialization.Metadata;

namespace Telemed.Host.Platform;

/// <summary>
/// Makes a request member that System.Text.Json would otherwise fill with a default required, when the record's constructor gives
/// it no default of its own: a choice (an enum) and any other non-nullable value (a number, a flag, an instant or date, an id).
/// A missing one was silently its type's default:
/// <list type="bullet">
/// <item><c>{"code":"E11.9"}</c> was stored as the protocol's <em>primary, preliminary</em> diagnosis (the enums' first values);</item>
/// <item>a failure report without a reason was <c>doctorAbsent</c>, which releases the patient's payment;</item>
/// <item><c>PUT /consultations/duty</c> with <c>{}</c> took the doctor off duty (<c>false</c>);</item>
/// <item>a clinic policy without <c>cancellationCutoffHours</c> was saved with a cut-off of 0 hours;</item>
/// <item>a 3-D Secure answer without <c>approved</c> declined the card.</item>
/// </list>
/// The OpenAPI document already lists these members as required (the web app's generated types send them); now a body without one
/// is 400 <c>request.invalid</c> and nothing changes. Nullable members (<c>int?</c>, <c>Guid?</c>, reference types) and parameters
/// with a default stay optional. Only Telemed's own types are touched.
/// </summary>
internal static class RequiredValues
{
    public static void Apply(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Type.Namespace?.StartsWith("Telemed.", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.AssociatedParameter is { HasDefaultValue: false } parameter && IsDefaultedWhenMissing(parameter.ParameterType))
            {
                property.IsRequired = true;
            }
        }
    }

    /// <summary>Whether a member of <paramref name="type"/> left out of a body would be read as the type's default rather than null.</summary>
    internal static bool IsDefaultedWhenMissing(Type type) => type.IsValueType && Nullable.GetUnderlyingType(type) is null;
}
