namespace Telemed.Modules.Labs.Gateway;

/// <summary>
/// What the gateway sends: our order id (the requisition the lab files its requests under), the patient and the
/// requesting doctor as opaque ids with display names, and the ordered LOINC codes with their displays.
/// </summary>
internal sealed record LabOrderToSend(Guid OrderId, Guid PatientId, string PatientDisplay, Guid DoctorUserId, string DoctorDisplay,
    IReadOnlyList<(string LoincCode, string Display)> Tests, DateTime OrderedAt);

/// <summary>
/// One value as the lab reported it: LOINC code and display, numeric value and UCUM unit or text, the lab's range and interpretation (v3
/// code); or "no result" (neither value nor text) with why: <paramref name="AbsentReason"/> a code (FHIR data-absent-reason such as
/// <c>not-performed</c> or <c>error</c>, or the Observation's status <c>cancelled</c> / <c>entered-in-error</c>) and
/// <paramref name="AbsentReasonText"/> the lab's words for it, either may be null.
/// </summary>
internal sealed record ReportedValue(string LoincCode, string Display, decimal? Value, string? ValueText, string? Unit, decimal? RangeLow, decimal? RangeHigh,
    string? Interpretation, string? ExternalId, DateTime EffectiveAt, string? AbsentReason = null, string? AbsentReasonText = null);

/// <summary>
/// A report as the lab returned it: the lab's report id (the idempotency key), the panel code when one, issue time (UTC) and values;
/// or, when <see cref="Refusal"/> is set, a report the gateway does not store, with why and no values: refused (a text over its bound,
/// <see cref="ResultBounds"/>; a result it cannot read, <see cref="ResultReadability"/>; withdrawn by the lab, <see cref="ResultStatus"/>,
/// with <see cref="Withdrawn"/> set)
/// or, when <see cref="Held"/>, not final yet (<see cref="ResultStatus.ResultNotFinal"/>): fetched again on the next pass.
/// </summary>
internal sealed record ReportFromLab(string ExternalId, string? PanelCode, DateTime IssuedAt, IReadOnlyList<ReportedValue> Values, string? Refusal = null,
    bool Held = false, bool Withdrawn = false)
{
    /// <summary>A report refused for <paramref name="reason"/> (a stable code, then the field and its bound; no patient data).</summary>
    public static ReportFromLab Refused(string externalId, string reason) => new(externalId, null, DateTime.MinValue, [], reason);

    /// <summary>
    /// A report the lab withdrew (cancelled, entered-in-error: <see cref="ResultStatus.ReportWithdrawn"/>): refused when new, and a stored
    /// one with its id is marked withdrawn.
    /// </summary>
    public static ReportFromLab WithdrawnByLab(string externalId, string reason) => new(externalId, null, DateTime.MinValue, [], reason, Withdrawn: true);

    /// <summary>A report not stored yet because it is not final (<paramref name="reason"/>: the stable code, ids and the FHIR status).</summary>
    public static ReportFromLab NotYetFinal(string externalId, string reason) => new(externalId, null, DateTime.MinValue, [], reason, Held: true);
}

/// <summary>
/// The lab-gateway port: hands an order to a partner lab and fetches the finished reports for it. Adapters: FHIR R4 over
/// HTTP (<see cref="FhirLabGateway"/>) and, for the demo only, <see cref="SandboxLabGateway"/>. Both throw
/// <see cref="LabGatewayException"/> when the lab cannot be reached or answers nonsense; callers retry later.
/// </summary>
internal interface ILabGateway
{
    /// <summary>Sends the order; returns the ids the lab gave its requests (at least one).</summary>
    Task<IReadOnlyList<string>> SendAsync(string fhirBaseUrl, LabOrderToSend order, CancellationToken ct);

    /// <summary>The finished reports for an order the lab accepted under <paramref name="externalIds"/> (empty while none).</summary>
    Task<IReadOnlyList<ReportFromLab>> FetchReportsAsync(string fhirBaseUrl, LabOrderToSend order, IReadOnlyList<string> externalIds, CancellationToken ct);
}

/// <summary>The lab could not be reached or gave an answer the gateway cannot use. The message names no patient data.</summary>
internal sealed class LabGatewayException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Picks the adapter for a partner lab's base URL: <c>sandbox:</c> → the in-process sandbox, anything else → FHIR over HTTP.</summary>
internal sealed class LabGatewayRouter(FhirLabGateway fhir, SandboxLabGateway sandbox) : ILabGateway
{
    private ILabGateway For(string baseUrl) => baseUrl == PartnerLabs.PartnerLab.SandboxBaseUrl ? sandbox : fhir;

    public Task<IReadOnlyList<string>> SendAsync(string fhirBaseUrl, LabOrderToSend order, CancellationToken ct) => For(fhirBaseUrl).SendAsync(fhirBaseUrl, order, ct);

    public Task<IReadOnlyList<ReportFromLab>> FetchReportsAsync(string fhirBaseUrl, LabOrderToSend order, IReadOnlyList<string> externalIds, CancellationToken ct) =>
        For(fhirBaseUrl).FetchReportsAsync(fhirBaseUrl, order, externalIds, ct);
}
