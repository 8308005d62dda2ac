using Hl7.Fhir.Model;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Resources.Labs;

/// <summary>
/// Lab values (Labs) as Observations: category laboratory, LOINC code, valueQuantity (UCUM when the unit is UCUM) or valueString,
/// reference range, interpretation N/L/H/LL/HH, effective (specimen time), issued, basedOn the order's ServiceRequests, performer the
/// partner lab, status preliminary until the report is released and final after. Id: <see cref="LabIds.Part"/> of the report id and the
/// value's position. A patient sees only values of released reports; a treating doctor all (<see cref="VisibleLabRecords"/>).
/// </summary>
internal sealed class ObservationProvider(VisibleLabRecords labs) : IFhirResourceProvider
{
    public string ResourceType => "Observation";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The patient (Patient/{id}).", r => FhirRefs.References(((Observation)r).Subject))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-patient" },
        new("code", SearchParamType.Token, "The test's LOINC code (http://loinc.org|{code}).", r => FhirValues.Codes(((Observation)r).Code))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-code" },
        new("date", SearchParamType.Date, "When the specimen was taken (effective).", r => FhirValues.DateOf((((Observation)r).Effective as FhirDateTime)?.Value))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-date" },
        new("status", SearchParamType.Token, "preliminary (not yet released) or final (released).",
            r => ((Observation)r).Status is { } s ? [new FhirToken("http://hl7.org/fhir/observation-status", Hl7.Fhir.Utility.EnumUtility.GetLiteral(s)!)] : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/Observation-status" },
        new("category", SearchParamType.Token, "laboratory.", r => FhirValues.Codes([.. ((Observation)r).Category]))
            { Definition = "http://hl7.org/fhir/SearchParameter/Observation-category" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct)
    {
        if (LabIds.ParsePart(id) is not var (reportId, index) || await labs.ReportAsync(reportId, ct) is not { } report || index >= report.Observations.Count)
        {
            return null;
        }

        return new FhirFound(LabReportMapping.Observation(report, index, await labs.OrderAsync(report.OrderId, ct)), report.PatientId);
    }

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct)
    {
        var found = new List<Resource>();
        foreach (var patientId in patientIds ?? [])
        {
            var reports = await labs.ReportsOfAsync(patientId, ct);
            var orders = reports.Count > 0 ? await labs.OrdersByIdAsync(patientId, ct) : [];
            foreach (var report in reports)
            {
                found.AddRange(report.Observations.Select((_, i) => (Resource)LabReportMapping.Observation(report, i, orders.GetValueOrDefault(report.OrderId))));
            }
        }

        return found.Take(FhirSearch.CandidateLimit + 1).ToList();
    }
}
