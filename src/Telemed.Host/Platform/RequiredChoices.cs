using System.Text.Json.Serialization.Metadata;

namespace Telemed.Host.Platform;

/// <summary>
/// Makes a request member that is a choice (an enum: a diagnosis's role and certainty, a referral's kind, why a consultation failed,
/// a visit's kind) required when the record's constructor gives it no default. System.Text.Json fills a missing one with the enum's
/// first value, so <c>{"code":"E11.9"}</c> was stored as the protocol's <em>primary, preliminary</em> diagnosis and a failure report
/// without a reason as <c>doctorAbsent</c>, which releases the patient's payment. The OpenAPI document already lists these members as
/// required; now a body without one is 400 <c>request.invalid</c> and nothing changes. Nullable enums and parameters with a default
/// stay optional. Only Telemed's own types are touched.
/// </summary>
internal static class RequiredChoices
{
    public static void Apply(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Type.Namespace?.StartsWith("Telemed.", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.AssociatedParameter is { HasDefaultValue: false } parameter && parameter.ParameterType.IsEnum)
            {
                property.IsRequired = true;
            }
        }
    }
}
