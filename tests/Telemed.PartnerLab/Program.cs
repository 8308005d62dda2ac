using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Telemed.PartnerLab;

// A partner lab's FHIR R4 endpoint, for tests (never shipped): accepts ServiceRequests, and on a control call makes a final
// DiagnosticReport with Observations (values with UCUM units, reference ranges, v3 interpretation codes N/L/H/LL/HH).
// Start: dotnet Telemed.PartnerLab.dll --urls http://127.0.0.1:<port>. FHIR base: /fhir. Control: /control/*.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
var fhirJson = new JsonSerializerOptions().ForFhir();
var requests = new ConcurrentDictionary<string, ServiceRequest>();
var resources = new ConcurrentDictionary<string, Resource>();
const string FhirType = "application/fhir+json";

IResult Fhir(Resource resource, int status = 200) =>
    Results.Text(JsonSerializer.Serialize(resource, resource.GetType(), fhirJson), FhirType, statusCode: status);

IResult Outcome(int status, string text) => Fhir(new OperationOutcome
{
    Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = OperationOutcome.IssueType.Invalid, Diagnostics = text }],
}, status);

app.MapGet("/fhir/metadata", () => Fhir(new CapabilityStatement
{
    Status = PublicationStatus.Active, Kind = CapabilityStatementKind.Instance, FhirVersion = FHIRVersion.N4_0_1, Format = ["json"],
    Date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
}));

app.MapPost("/fhir/ServiceRequest", async (HttpRequest http) =>
{
    ServiceRequest? request;
    try
    {
        request = await JsonSerializer.DeserializeAsync<ServiceRequest>(http.Body, fhirJson);
    }
    catch (Exception e) when (e is JsonException or DeserializationFailedException)
    {
        return Outcome(400, "Not a valid ServiceRequest: " + e.GetType().Name);
    }

    if (request?.Code?.Coding.FirstOrDefault(c => c.System == "http://loinc.org") is null || request.Requisition?.Value is null || request.Subject is null)
    {
        return Outcome(422, "A ServiceRequest needs a LOINC code, a requisition and a subject.");
    }

    // Conditional create (FHIR R4 3.1.0.8.1): If-None-Exist: identifier=system|value finds a request already there.
    if (http.Headers["If-None-Exist"].ToString() is { Length: > 0 } condition)
    {
        var wanted = condition.StartsWith("identifier=", StringComparison.Ordinal) ? Uri.UnescapeDataString(condition["identifier=".Length..]) : null;
        var existing = wanted is null ? [] : requests.Values.Where(r => r.Identifier.Any(i => $"{i.System}|{i.Value}" == wanted)).ToList();
        if (wanted is null || existing.Count > 1)
        {
            return Outcome(412, "The condition must name one identifier, and match at most one ServiceRequest.");
        }

        if (existing.Count == 1)
        {
            return Results.Text(JsonSerializer.Serialize(existing[0], fhirJson), FhirType, statusCode: 200);
        }
    }

    request.Id = Guid.NewGuid().ToString("N");
    request.Meta = new Meta { VersionId = "1", LastUpdated = DateTimeOffset.UtcNow };
    requests[request.Id] = request;
    return Results.Text(JsonSerializer.Serialize(request, fhirJson), FhirType, statusCode: 201);
});

app.MapGet("/fhir/ServiceRequest/{id}", (string id) => requests.TryGetValue(id, out var r) ? Fhir(r) : Outcome(404, "No such ServiceRequest."));

app.MapGet("/fhir/DiagnosticReport", (HttpRequest http) =>
{
    var basedOn = http.Query["based-on"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
    var include = http.Query["_include"].ToString() == "DiagnosticReport:result";
    var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Id = Guid.NewGuid().ToString("N") };
    foreach (var report in resources.Values.OfType<DiagnosticReport>().Where(r => r.BasedOn.Any(b => b.Reference is { } reference && basedOn.Contains(reference))))
    {
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{report.Id}", Resource = report, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } });
        if (include)
        {
            foreach (var result in report.Result)
            {
                var observation = resources[result.Reference!];
                bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{observation.Id}", Resource = observation, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Include } });
            }
        }
    }

    bundle.Total = bundle.Entry.Count(e => e.Search?.Mode == Bundle.SearchEntryMode.Match);
    return Fhir(bundle);
});

// What the lab received, for the tests' assertions.
app.MapGet("/control/requests", () => Fhir(new Bundle
{
    Type = Bundle.BundleType.Collection,
    Entry = [.. requests.Values.Select(r => new Bundle.EntryComponent { FullUrl = $"urn:uuid:{r.Id}", Resource = r })],
}));

// Completes the requisition (our order id): one final DiagnosticReport based on all its ServiceRequests, one Observation
// per test (panels expanded). ?critical=<loinc> makes that value critically high; ?factor=1.1 scales the normal values (trends);
// ?narrative=<loinc>&narrativeLength=4001 reports that test as a text value (valueString) of that many characters;
// ?uncoded=<loinc> reports that test's Observation without its LOINC coding (its name as text only);
// ?reportStatus=preliminary (any FHIR DiagnosticReport.status code) gives the report that status instead of final;
// ?statusOf=<loinc>&observationStatus=entered-in-error (any FHIR Observation.status code) gives that test's Observation that status;
// ?absent=<loinc>&absentReason=not-performed&absentText=... reports that test without a value, with a dataAbsentReason (the
// data-absent-reason code and the lab's words). The search below ignores the status parameter, as some labs do, so what the tests
// see is the gateway's own status check.
app.MapPost("/control/complete", (string requisition, string? critical, decimal? factor, string? narrative, int? narrativeLength, string? uncoded,
    string? reportStatus, string? statusOf, string? observationStatus, string? absent, string? absentReason, string? absentText) =>
{
    if (reportStatus is not null && EnumUtility.ParseLiteral<DiagnosticReport.DiagnosticReportStatus>(reportStatus) is null
        || observationStatus is not null && EnumUtility.ParseLiteral<ObservationStatus>(observationStatus) is null)
    {
        return Outcome(400, "Not a FHIR status code.");
    }

    var ordered = requests.Values.Where(r => r.Requisition?.Value == requisition).ToList();
    if (ordered.Count == 0)
    {
        return Outcome(404, "No ServiceRequest with that requisition.");
    }

    var now = DateTimeOffset.UtcNow;
    var report = new DiagnosticReport
    {
        Id = Guid.NewGuid().ToString("N"),
        Status = reportStatus is null ? DiagnosticReport.DiagnosticReportStatus.Final : EnumUtility.ParseLiteral<DiagnosticReport.DiagnosticReportStatus>(reportStatus),
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0074", "LAB", "Laboratory")],
        Code = ordered.Count == 1 ? ordered[0].Code! : new CodeableConcept { Text = "Laboratory report" },
        Subject = ordered[0].Subject,
        BasedOn = [.. ordered.Select(r => new ResourceReference("ServiceRequest/" + r.Id))],
        Effective = new FhirDateTime(now.AddHours(-2)),
        Issued = now,
    };
    foreach (var code in ordered.SelectMany(r => r.Code!.Coding.Where(c => c.System == "http://loinc.org" && c.Code is not null).Select(c => c.Code!))
                 .SelectMany(c => LabReferenceTable.Panels.TryGetValue(c, out var members) ? members : [c]).Distinct())
    {
        if (!LabReferenceTable.Tests.TryGetValue(code, out var entry))
        {
            continue;
        }

        var value = code == critical ? Math.Round(entry.CriticalHigh * 1.15m, 1) : Math.Round(entry.Normal * (factor ?? 1m), 2);
        var interpretation = LabReferenceTable.Interpret(entry, value);
        var observation = new Observation
        {
            Id = Guid.NewGuid().ToString("N"),
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")],
            Code = new CodeableConcept("http://loinc.org", code, entry.Display, entry.Display),
            Subject = report.Subject,
            Effective = new FhirDateTime(now.AddHours(-2)),
            Issued = now,
            Value = new Quantity(value, entry.Unit, "http://unitsofmeasure.org") { Unit = entry.Unit },
            Interpretation = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", interpretation)],
            ReferenceRange =
            [
                new Observation.ReferenceRangeComponent
                {
                    Low = new Quantity(entry.Low, entry.Unit, "http://unitsofmeasure.org"),
                    High = new Quantity(entry.High, entry.Unit, "http://unitsofmeasure.org"),
                },
            ],
        };
        if (code == narrative)
        {
            observation.Value = new FhirString(string.Concat(Enumerable.Repeat("Culture: no growth. ", (narrativeLength ?? 100) / 20 + 1))[..(narrativeLength ?? 100)]);
            observation.ReferenceRange = [];
        }

        if (code == uncoded)
        {
            observation.Code = new CodeableConcept { Text = entry.Display };
        }

        if (code == statusOf && observationStatus is not null)
        {
            observation.Status = EnumUtility.ParseLiteral<ObservationStatus>(observationStatus);
        }

        if (code == absent)
        {
            observation.Value = null;
            observation.Interpretation = [];
            var words = string.IsNullOrEmpty(absentText) ? null : absentText;
            observation.DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason",
                string.IsNullOrEmpty(absentReason) ? "error" : absentReason, words, words);
        }

        resources["Observation/" + observation.Id] = observation;
        report.Result.Add(new ResourceReference("Observation/" + observation.Id));
    }

    resources["DiagnosticReport/" + report.Id] = report;
    return Fhir(report, 201);
});

// Moves a report the lab made on to another status (FHIR DiagnosticReport.status code), keeping its id, as a lab finishes a
// preliminary report or withdraws one: ?report=<id>&status=final. Its Observations become final with a final report.
app.MapPost("/control/status", (string report, string status) =>
{
    if (EnumUtility.ParseLiteral<DiagnosticReport.DiagnosticReportStatus>(status) is not { } next)
    {
        return Outcome(400, "Not a FHIR DiagnosticReport status code.");
    }

    if (!resources.TryGetValue("DiagnosticReport/" + report, out var found) || found is not DiagnosticReport diagnosticReport)
    {
        return Outcome(404, "No such DiagnosticReport.");
    }

    diagnosticReport.Status = next;
    diagnosticReport.Issued = DateTimeOffset.UtcNow;
    if (next == DiagnosticReport.DiagnosticReportStatus.Final)
    {
        foreach (var result in diagnosticReport.Result)
        {
            ((Observation)resources[result.Reference!]).Status = ObservationStatus.Final;
        }
    }

    return Fhir(diagnosticReport);
});

app.Run();
