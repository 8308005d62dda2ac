namespace Telemed.PartnerLab;

/// <summary>
/// The partner lab's own reference table: for each LOINC test, display, UCUM unit, reference range, critical limits and a
/// typical normal value; panels expand to their member tests. A real lab reports its own ranges; so does this one.
/// </summary>
internal static class LabReferenceTable
{
    internal sealed record Entry(string Display, string Unit, decimal Low, decimal High, decimal CriticalLow, decimal CriticalHigh, decimal Normal);

    public static readonly Dictionary<string, string[]> Panels = new()
    {
        ["58410-2"] = ["718-7", "6690-2", "777-3"],
        ["51990-0"] = ["2345-7", "2823-3", "2951-2", "2160-0"],
        ["57698-3"] = ["2093-3", "2571-8", "2085-9", "18262-6"],
    };

    public static readonly Dictionary<string, Entry> Tests = new()
    {
        ["718-7"] = new("Hemoglobin [Mass/volume] in Blood", "g/dL", 12.0m, 17.5m, 7.0m, 20.0m, 14.1m),
        ["6690-2"] = new("Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 4.0m, 11.0m, 2.0m, 30.0m, 6.8m),
        ["777-3"] = new("Platelets [#/volume] in Blood by Automated count", "10*3/uL", 150m, 400m, 50m, 1000m, 250m),
        ["2345-7"] = new("Glucose [Mass/volume] in Serum or Plasma", "mg/dL", 70m, 99m, 40m, 450m, 88m),
        ["2823-3"] = new("Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 3.5m, 5.1m, 2.8m, 6.2m, 4.3m),
        ["2951-2"] = new("Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 136m, 145m, 120m, 160m, 140m),
        ["2160-0"] = new("Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 0.6m, 1.3m, 0.2m, 10m, 0.9m),
        ["2093-3"] = new("Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", 100m, 200m, 50m, 500m, 180m),
        ["2571-8"] = new("Triglyceride [Mass/volume] in Serum or Plasma", "mg/dL", 30m, 150m, 10m, 1000m, 120m),
        ["2085-9"] = new("Cholesterol in HDL [Mass/volume] in Serum or Plasma", "mg/dL", 40m, 90m, 10m, 200m, 55m),
        ["18262-6"] = new("Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay", "mg/dL", 50m, 130m, 10m, 400m, 110m),
        ["4548-4"] = new("Hemoglobin A1c/Hemoglobin.total in Blood", "%", 4.0m, 5.6m, 3.0m, 15m, 5.2m),
        ["3016-3"] = new("Thyrotropin [Units/volume] in Serum or Plasma", "m[IU]/L", 0.4m, 4.0m, 0.01m, 100m, 1.8m),
        ["1988-5"] = new("C reactive protein [Mass/volume] in Serum or Plasma", "mg/L", 0m, 10m, 0m, 300m, 3.2m),
    };

    /// <summary>The v3 ObservationInterpretation code of <paramref name="value"/> against <paramref name="e"/>.</summary>
    public static string Interpret(Entry e, decimal value) =>
        value < e.CriticalLow ? "LL" : value > e.CriticalHigh ? "HH" : value < e.Low ? "L" : value > e.High ? "H" : "N";
}
