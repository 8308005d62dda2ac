using System.Globalization;

namespace Telemed.Modules.Fhir.Resources.Labs;

/// <summary>
/// FHIR ids of lab resources. An order holds several tests and a report several values, each its own FHIR resource, so their ids are
/// the order's (report's) id without hyphens, "-" and the position of the test (value) in it: stable, because an order's tests and a
/// stored report's values never change. A DiagnosticReport's id is the report id.
/// </summary>
internal static class LabIds
{
    public static string Part(Guid parentId, int index) => $"{parentId:N}-{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The parent id and position in a part id, or null when it is not one.</summary>
    public static (Guid ParentId, int Index)? ParsePart(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash == 32 && Guid.TryParseExact(id[..32], "N", out var parent)
            && int.TryParse(id[33..], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < 1000
            ? (parent, index) : null;
    }
}
