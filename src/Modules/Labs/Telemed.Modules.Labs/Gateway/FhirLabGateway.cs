using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Telemed.BuildingBlocks.Http;

namespace Telemed.Modules.Labs.Gateway;

/// <summary>
/// The lab-gateway adapter that speaks FHIR R4 with the Firely SDK. Sending POSTs one ServiceRequest per ordered test
/// (status active, intent order, the LOINC code, subject and requester as logical references with displays, all sharing
/// the requisition identifier <c>urn:telemed:lab-order|{orderId}</c>). Fetching searches
/// <c>DiagnosticReport?based-on=ServiceRequest/a,ServiceRequest/b&amp;status=final,amended,corrected,appended,cancelled,entered-in-error&amp;_include=DiagnosticReport:result</c> and
/// reads each report's Observations (valueQuantity or valueString, referenceRange, interpretation; or dataAbsentReason, or a status that
/// withdraws the value: "no result" with its reason). Statuses are checked on each report and Observation (<see cref="ResultStatus"/>).
/// A lab's URL is checked against the outbound rule again before each call (a URL saved before the rule, or by other means, is
/// refused as <see cref="LabGatewayException"/>), and the client's handler checks each resolved address (<see cref="OutboundConnect"/>).
/// </summary>
internal sealed class FhirLabGateway(IHttpClientFactory httpClients, OutboundPolicy outbound) : ILabGateway
{
    public const string HttpClientName = "labs.fhir";
    public const string RequisitionSystem = "urn:telemed:lab-order";
    public const string PatientSystem = "urn:telemed:patient";
    public const string PractitionerSystem = "urn:telemed:practitioner";
    internal const string Loinc = "http://loinc.org";

    private FhirClient ClientFor(string baseUrl) => outbound.Problem(baseUrl) is { } problem
        ? throw new LabGatewayException($"The host does not call this lab's base URL: it {problem}.")
        : new(baseUrl, httpClients.CreateClient(HttpClientName), new FhirClientSettings
        {
            PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false,
            // A conditional create that finds the request already there answers with it (its id), not an empty 200.
            ReturnPreference = ReturnPreference.Representation,
        });

    public async Task<IReadOnlyList<string>> SendAsync(string fhirBaseUrl, LabOrderToSend order, CancellationToken ct)
    {
        var client = ClientFor(fhirBaseUrl);
        var ids = new List<string>();
        try
        {
            foreach (var test in order.Tests)
            {
                // Conditional (If-None-Exist on the request's own identifier): an order sent again, because the answer of the
                // first send was lost or could not be saved, finds the lab's request instead of creating a second one.
                var request = ServiceRequestFor(order, test.LoincCode, test.Display);
                var identifier = request.Identifier[0];
                var created = await client.ConditionalCreateAsync(request, new SearchParams().Where($"identifier={identifier.System}|{identifier.Value}"), ct);
                ids.Add(created?.Id ?? throw new LabGatewayException("The lab accepted a ServiceRequest without giving it an id."));
            }
        }
        catch (Exception e) when (e is FhirOperationException or HttpRequestException or TaskCanceledException or FormatException)
        {
            throw new LabGatewayException($"The lab did not accept the order ({e.GetType().Name}).", e);
        }

        return ids;
    }

    /// <summary>The ServiceRequest for one ordered test; ids are opaque, displays are what a lab prints on the requisition.</summary>
    internal static ServiceRequest ServiceRequestFor(LabOrderToSend order, string loincCode, string display) => new()
    {
        Status = RequestStatus.Active,
        Intent = RequestIntent.Order,
        Requisition = new Identifier(RequisitionSystem, order.OrderId.ToString()),
        Identifier = [new Identifier(RequisitionSystem, $"{order.OrderId}/{loincCode}")],
        Category = [new CodeableConcept("http://snomed.info/sct", "108252007", "Laboratory procedure")],
        Code = new CodeableConcept(Loinc, loincCode, display, display),
        Subject = new ResourceReference { Identifier = new Identifier(PatientSystem, order.PatientId.ToString()), Display = order.PatientDisplay },
        Requester = new ResourceReference { Identifier = new Identifier(PractitionerSystem, order.DoctorUserId.ToString()), Display = order.DoctorDisplay },
        AuthoredOn = order.OrderedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    };

    public async Task<IReadOnlyList<ReportFromLab>> FetchReportsAsync(string fhirBaseUrl, LabOrderToSend order, IReadOnlyList<string> externalIds, CancellationToken ct)
    {
        var client = ClientFor(fhirBaseUrl);
        var search = new SearchParams()
            .Where("based-on=" + string.Join(',', externalIds.Select(id => "ServiceRequest/" + id)))
            .Where("status=" + ResultStatus.SearchedReportStatuses)
            .Include("DiagnosticReport:result");
        try
        {
            var reports = new List<ReportFromLab>();
            var page = await client.SearchAsync<DiagnosticReport>(search, ct);
            while (page is not null)
            {
                reports.AddRange(ReportsIn(page));
                page = await client.ContinueAsync(page, ct: ct);
            }

            return reports;
        }
        catch (Exception e) when (e is FhirOperationException or HttpRequestException or TaskCanceledException or FormatException)
        {
            throw new LabGatewayException($"The lab's reports could not be read ({e.GetType().Name}).", e);
        }
    }

    /// <summary>
    /// The reports of one search page with their included Observations. A report that is not final, or has a result that is not
    /// (<see cref="ResultStatus"/>), comes back held; one the lab withdrew, with a result we cannot read (not included, no LOINC code, a
    /// value neither a quantity nor a text: <see cref="ResultReadability"/>) or with a text over the bounds a lab result keeps
    /// (<see cref="ResultBounds"/>) comes back refused; both with their reason and no values: nothing of it is stored, the page's other
    /// reports are.
    /// </summary>
    internal static IEnumerable<ReportFromLab> ReportsIn(Bundle page)
    {
        var observations = page.Entry.Select(e => e.Resource).OfType<Observation>().Where(o => o.Id is not null).ToDictionary(o => "Observation/" + o.Id);
        foreach (var report in page.Entry.Where(e => e.Search?.Mode != Bundle.SearchEntryMode.Include).Select(e => e.Resource).OfType<DiagnosticReport>().Where(r => r.Id is not null))
        {
            // First: every reason below names these ids, and a reason is logged.
            if (ResultBounds.IdRefusalOf(report.Id!, report.Result.Select(r => r.Reference is { } reference ? observations.GetValueOrDefault(reference)?.Id : null)) is { } badId)
            {
                yield return ReportFromLab.Refused(report.Id!, badId);
                continue;
            }

            if (ResultStatus.OfReport(report.Id!, report.Status) is var (reason, held))
            {
                yield return held ? ReportFromLab.NotYetFinal(report.Id!, reason)
                    : ResultStatus.IsWithdrawn(report.Status) ? ReportFromLab.WithdrawnByLab(report.Id!, reason) : ReportFromLab.Refused(report.Id!, reason);
                continue;
            }

            var referenced = report.Result.Select(r => (r.Reference, Observation: r.Reference is { } reference ? observations.GetValueOrDefault(reference) : null)).ToList();
            if (ResultStatus.HeldFor(report.Id!, referenced.Select(r => r.Observation).OfType<Observation>()) is { } notFinal)
            {
                yield return ReportFromLab.NotYetFinal(report.Id!, notFinal);
                continue;
            }

            if (ResultReadability.RefusalOf(report.Id!, referenced) is { } unreadable)
            {
                yield return ReportFromLab.Refused(report.Id!, unreadable);
                continue;
            }

            var results = referenced.Select(r => r.Observation!).ToList();
            var texts = results.Select(o => (o.Id, LoincOf(o.Code), DisplayOf(o), TextOf(o), UnitOf(o), AbsentReasonOf(o).Code, AbsentReasonOf(o).Text)).ToList();
            if ((ResultBounds.RefusalOf(report.Id!, LoincOf(report.Code), texts) ?? ResultBounds.TextRefusalOf(report.Id!, LoincOf(report.Code), texts)) is { } refusal)
            {
                yield return ReportFromLab.Refused(report.Id!, refusal);
                continue;
            }

            var values = results.Select(ValueOf).OfType<ReportedValue>().ToList();
            var issued = report.Issued?.UtcDateTime ?? DateTime.UtcNow;
            yield return new ReportFromLab(report.Id!, LoincOf(report.Code), issued, values);
        }
    }

    private static string? LoincOf(CodeableConcept? concept) => concept?.Coding.FirstOrDefault(c => c.System == Loinc)?.Code;

    private static string? DisplayOf(Observation o) => LoincOf(o.Code) is { } code ? o.Code.Coding.First(c => c.System == Loinc).Display ?? o.Code.Text ?? code : null;

    /// <summary>The FHIR code system of data-absent reasons (<c>not-performed</c>, <c>error</c>, <c>unknown</c>…).</summary>
    internal const string DataAbsentReasonSystem = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

    private static bool Withdrawn(Observation o) => ResultStatus.WithdrawnReasonOf(o) is not null;

    private static string? TextOf(Observation o) => !Withdrawn(o) && o.Value is FhirString s ? s.Value : null;

    private static string? UnitOf(Observation o) => !Withdrawn(o) && o.Value is Quantity q ? q.Code ?? q.Unit : null;

    /// <summary>
    /// Why <paramref name="o"/> has no result: the status the lab withdrew it with (<c>cancelled</c>, <c>entered-in-error</c>), else its
    /// dataAbsentReason's code (the data-absent-reason system's first, else any coding's) and words (the coding's display, else the
    /// concept's text); (null, null) for an Observation with a value. Blank texts are null.
    /// </summary>
    internal static (string? Code, string? Text) AbsentReasonOf(Observation o)
    {
        if (ResultStatus.WithdrawnReasonOf(o) is { } withdrawn)
        {
            return (withdrawn, null);
        }

        if (o.DataAbsentReason is not { } reason)
        {
            return (null, null);
        }

        var coding = reason.Coding.FirstOrDefault(c => c.System == DataAbsentReasonSystem && !string.IsNullOrWhiteSpace(c.Code))
            ?? reason.Coding.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Code));
        var text = !string.IsNullOrWhiteSpace(coding?.Display) ? coding.Display : reason.Text;
        return (coding?.Code?.Trim(), string.IsNullOrWhiteSpace(text) ? null : text.Trim());
    }

    private static ReportedValue? ValueOf(Observation o)
    {
        if (LoincOf(o.Code) is not { } code)
        {
            return null;
        }

        var display = DisplayOf(o)!;
        var range = o.ReferenceRange.FirstOrDefault();
        var flag = o.Interpretation.SelectMany(i => i.Coding).Select(c => c.Code).FirstOrDefault();
        var effective = o.Effective switch
        {
            FhirDateTime dt => dt.ToDateTimeOffset(TimeSpan.Zero).UtcDateTime,
            Period p when p.StartElement is { } start => start.ToDateTimeOffset(TimeSpan.Zero).UtcDateTime,
            _ => o.Issued?.UtcDateTime ?? DateTime.UtcNow,
        };
        if (Withdrawn(o) || o.DataAbsentReason is not null)
        {
            var (reason, reasonText) = AbsentReasonOf(o);
            // No result, never a value: no number, text, unit or lab flag is taken from it (a withdrawn value may still carry them).
            return new ReportedValue(code, display, null, null, null, range?.Low?.Value, range?.High?.Value, null, o.Id, effective, reason, reasonText);
        }

        return o.Value switch
        {
            Quantity q => new ReportedValue(code, display, q.Value, null, UnitOf(o), range?.Low?.Value, range?.High?.Value, flag, o.Id, effective),
            FhirString s => new ReportedValue(code, display, null, s.Value, null, null, null, flag, o.Id, effective),
            _ => null,
        };
    }
}
