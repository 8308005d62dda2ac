using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Labs.Catalogue;

/// <summary><see cref="ILabCatalogueCodes"/> from the bundled catalogue (<see cref="BundledLabCatalogue"/>).</summary>
internal sealed class LabCatalogueCodes : ILabCatalogueCodes
{
    public string? CatalogueCodeOf(string loincCode) => BundledLabCatalogue.Find(loincCode)?.LoincCode;
}
