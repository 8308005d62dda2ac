using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Labs.Catalogue;

/// <summary><see cref="ILabTestNames"/> from the bundled catalogue (<see cref="BundledLabCatalogue"/>).</summary>
internal sealed class LabTestNames : ILabTestNames
{
    public string NameOf(string loincCode, string display, string language) => BundledLabCatalogue.Find(loincCode)?.NameIn(language) ?? display;
}
