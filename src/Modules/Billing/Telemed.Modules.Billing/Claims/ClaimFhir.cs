using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Telemed.Modules.Billing.Claims;

/// <summary>
/// An insurance claim as a FHIR R4 Claim (professional, use "claim", normal priority; Firely SDK): the patient and the clinic as
/// references into our FHIR API (<c>Patient/{id}</c>, <c>Organization/{clinicId}</c>), the insurer and policy as the coverage's display and
/// identifier (we keep no Coverage resource), one item for the consultation with its service date and the captured amount as unit price,
/// net and total.
/// </summary>
internal static class ClaimFhir
{
    public static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static Claim Map(InsuranceClaim c)
    {
        var amount = new Money { Value = Major(c.AmountMinor, c.Currency), Currency = Enum.TryParse<Money.Currencies>(c.Currency, out var code) ? code : null };
        return new Claim
        {
            Id = c.Id.ToString(),
            Meta = new Meta { LastUpdated = new DateTimeOffset(c.UpdatedAt, TimeSpan.Zero) },
            Status = c.Status == ClaimStatus.Draft ? FinancialResourceStatusCodes.Draft : FinancialResourceStatusCodes.Active,
            Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/claim-type", "professional", "Professional"),
            Use = ClaimUseCode.Claim,
            Patient = new ResourceReference($"Patient/{c.PatientId}"),
            Created = c.CreatedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Provider = new ResourceReference($"Organization/{c.ClinicId}"),
            Priority = new CodeableConcept("http://terminology.hl7.org/CodeSystem/processpriority", "normal", "Normal"),
            Insurance =
            [
                new Claim.InsuranceComponent
                {
                    Sequence = 1,
                    Focal = true,
                    Coverage = new ResourceReference { Display = c.InsurerName, Identifier = new Identifier("urn:telemed:insurance-policy", c.PolicyNumber) },
                },
            ],
            Item =
            [
                new Claim.ItemComponent
                {
                    Sequence = 1,
                    ProductOrService = new CodeableConcept("urn:telemed:service", $"consultation-{c.Kind}", $"Consultation ({c.Kind})"),
                    Serviced = new Date(c.ServiceDate.Year, c.ServiceDate.Month, c.ServiceDate.Day),
                    UnitPrice = amount,
                    Net = amount,
                },
            ],
            Total = amount,
        };
    }

    /// <summary>Minor units to the currency's major unit by its ISO 4217 exponent (0 for JPY and the like, 3 for KWD and the like, else 2).</summary>
    public static decimal Major(long minor, string currency) => Contracts.CurrencyUnits.Major(minor, currency);
}
