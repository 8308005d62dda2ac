using Hl7.Fhir.Model;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Resources.Labs;

/// <summary>
/// Lab reports (Labs) as DiagnosticReports: status preliminary (received, the doctor reviews) or final (released), category LAB, the
/// panel's LOINC code (else the ordered tests as text), the values as results, basedOn the order's ServiceRequests, the doctor's
/// plain-language note as conclusion, effective (earliest specimen time), issued, performer the partner lab. Id: the report id. A
/// patient sees only released reports; a treating doctor all (<see cref="VisibleLabRecords"/>).
/// </summary>
internal sealed class DiagnosticReportProvider(VisibleLabRecords labs) : IFhirResourceProvider
{
    public string ResourceType => "DiagnosticReport";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The patient (Patient/{id}).", r => FhirRefs.References(((DiagnosticReport)r).Subject))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-patient" },
        new("code", SearchParamType.Token, "The panel's LOINC code (http://loinc.org|{code}).", r => FhirValues.Codes(((DiagnosticReport)r).Code))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-code" },
        new("date", SearchParamType.Date, "When the specimens were taken (effective).", r => FhirValues.DateOf((((DiagnosticReport)r).Effective as FhirDateTime)?.Value))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-date" },
        new("status", SearchParamType.Token, "preliminary (received, not yet released) or final (released).",
            r => ((DiagnosticReport)r).Status is { } s ? [new FhirToken("http://hl7.org/fhir/diagnostic-report-status", Hl7.Fhir.Utility.EnumUtility.GetLiteral(s)!)] : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/DiagnosticReport-status" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct) =>
        FhirRefs.Guid(id) is { } reportId && await labs.ReportAsync(reportId, ct) is { } report
            ? new FhirFound(LabReportMapping.Report(report, await labs.OrderAsync(report.OrderId, ct)), report.PatientId)
            : null;

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct)
    {
        var found = new List<Resource>();
        foreach (var patientId in patientIds ?? [])
        {
            var reports = await labs.ReportsOfAsync(patientId, ct);
            var orders = reports.Count > 0 ? await labs.OrdersByIdAsync(patientId, ct) : [];
            found.AddRange(reports.Select(r => (Resource)LabReportMapping.Report(r, orders.GetValueOrDefault(r.OrderId))));
        }

        return found.Take(FhirSearch.CandidateLimit + 1).ToList();
    }
}
