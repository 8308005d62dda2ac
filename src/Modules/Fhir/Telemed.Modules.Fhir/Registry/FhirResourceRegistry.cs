namespace Telemed.Modules.Fhir.Registry;

/// <summary>The resource types the FHIR API serves, by type name (case-sensitive, as FHIR names them).</summary>
internal sealed class FhirResourceRegistry(IEnumerable<IFhirResourceProvider> providers)
{
    private readonly Dictionary<string, IFhirResourceProvider> _byType = providers.ToDictionary(p => p.ResourceType, StringComparer.Ordinal);

    /// <summary>Every provider, by type name.</summary>
    public IReadOnlyList<IFhirResourceProvider> All => _byType.Values.OrderBy(p => p.ResourceType, StringComparer.Ordinal).ToList();

    /// <summary>The provider of <paramref name="resourceType"/>, or null when the API does not serve that type.</summary>
    public IFhirResourceProvider? Find(string resourceType) => _byType.GetValueOrDefault(resourceType);
}
