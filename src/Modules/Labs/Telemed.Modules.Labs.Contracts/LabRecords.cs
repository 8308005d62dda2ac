namespace Telemed.Modules.Labs.Contracts;

/// <summary>Where a lab order stands (FHIR ServiceRequest.status maps: draft/active/completed/revoked).</summary>
public static class LabOrderStatuses
{
    /// <summary>The doctor ordered; the patient has not picked a partner lab yet (FHIR <c>draft</c>).</summary>
    public const string AwaitingLab = "awaitingLab";

    /// <summary>The order was sent to the partner lab's FHIR endpoint (FHIR <c>active</c>).</summary>
    public const string Sent = "sent";

    /// <summary>The lab returned a report (FHIR <c>completed</c>).</summary>
    public const string ResultReceived = "resultReceived";

    /// <summary>The doctor cancelled the order before results came (FHIR <c>revoked</c>).</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>Where a lab report stands for the patient (FHIR DiagnosticReport.status maps: received→preliminary, released→final, withdrawn→entered-in-error).</summary>
public static class LabResultStatuses
{
    /// <summary>Arrived from the lab; only the ordering doctor (and doctors with care access) see it.</summary>
    public const string Received = "received";

    /// <summary>Released to the patient by the doctor or by the auto-release rule.</summary>
    public const string Released = "released";

    /// <summary>
    /// The lab withdrew it after it was stored (its report became <c>entered-in-error</c> or <c>cancelled</c>: the values were wrong). Never
    /// shown to the patient, never released; the doctor sees it as withdrawn; FHIR <c>entered-in-error</c>.
    /// </summary>
    public const string Withdrawn = "withdrawn";
}

/// <summary>
/// How one value compares with its reference range; the FHIR v3 ObservationInterpretation codes are
/// <c>N</c>, <c>L</c>, <c>H</c>, <c>LL</c> (critically low), <c>HH</c> (critically high).
/// </summary>
public static class LabFlags
{
    public const string Normal = "N";
    public const string Low = "L";
    public const string High = "H";
    public const string CriticalLow = "LL";
    public const string CriticalHigh = "HH";

    /// <summary>True for <c>LL</c> and <c>HH</c>.</summary>
    public static bool IsCritical(string? flag) => flag is CriticalLow or CriticalHigh;
}

/// <summary>One ordered test (a catalogue entry): its LOINC code and display name (English).</summary>
public sealed record LabOrderedTest(string LoincCode, string Display);

/// <summary>
/// A lab order (FHIR ServiceRequest): who ordered it (<paramref name="RequesterUserId"/>, a doctor's user id) for which
/// patient, in which consultation, the tests, the partner lab chosen (null until the patient picks one), the status
/// (one of <see cref="LabOrderStatuses"/>); instants are UTC.
/// </summary>
public sealed record LabOrderRecord(Guid OrderId, Guid PatientId, Guid RequesterUserId, Guid? ConsultationId, IReadOnlyList<LabOrderedTest> Tests,
    Guid? PartnerLabId, string? PartnerLabName, string Status, DateTime OrderedAt, DateTime? SentAt, DateTime UpdatedAt);

/// <summary>
/// One result value (FHIR Observation): LOINC code and display; numeric <paramref name="Value"/> in
/// <paramref name="Unit"/> (UCUM where the lab gave it), or <paramref name="ValueText"/> for non-numeric results;
/// reference range <paramref name="RangeLow"/>..<paramref name="RangeHigh"/> in the same unit (either may be null);
/// <paramref name="Flag"/> one of <see cref="LabFlags"/> (null when the lab gave none and no range applies);
/// <paramref name="EffectiveAt"/> UTC specimen time. A test the lab gave no result for has neither value nor text and no flag, and says
/// why in <paramref name="AbsentReason"/> (a FHIR data-absent-reason code such as <c>not-performed</c>, or <c>cancelled</c> /
/// <c>entered-in-error</c> for a result the lab withdrew) and <paramref name="AbsentReasonText"/> (the lab's words); either may be null.
/// </summary>
public sealed record LabObservationRecord(Guid ObservationId, string LoincCode, string Display, decimal? Value, string? ValueText, string? Unit,
    decimal? RangeLow, decimal? RangeHigh, string? Flag, DateTime EffectiveAt, string? AbsentReason = null, string? AbsentReasonText = null);

/// <summary>
/// A lab report (FHIR DiagnosticReport) for an order: the status (one of <see cref="LabResultStatuses"/>), the panel's
/// LOINC code when the order was one panel, the lab's own report id, the doctor's plain-language note (null until
/// written), when it was issued by the lab, received and released (UTC), and its observations.
/// </summary>
public sealed record LabReportRecord(Guid ReportId, Guid OrderId, Guid PatientId, Guid OrderingDoctorUserId, string Status, string? PanelLoincCode,
    string? ExternalReportId, string? DoctorNote, DateTime IssuedAt, DateTime ReceivedAt, DateTime? ReleasedAt, IReadOnlyList<LabObservationRecord> Observations);

/// <summary>
/// The Labs module's read facade for other modules (FHIR mapping, record timeline, export). It does NOT decide who may
/// see what and does not audit: the caller has already checked access (the ordering doctor, a doctor with care access,
/// or the patient — who must only be shown <see cref="LabResultStatuses.Released"/> reports) and audits the read.
/// Values are decrypted here.
/// </summary>
public interface ILabRecords
{
    /// <summary>The patient's lab orders, newest first (empty when none).</summary>
    Task<IReadOnlyList<LabOrderRecord>> OrdersForPatientAsync(Guid patientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The patient's lab reports with their observations, newest first. <paramref name="releasedOnly"/> true returns only
    /// reports released to the patient (use it for patient-facing reads).
    /// </summary>
    Task<IReadOnlyList<LabReportRecord>> ReportsForPatientAsync(Guid patientId, bool releasedOnly, CancellationToken cancellationToken = default);

    /// <summary>One order by id, or null when there is none.</summary>
    Task<LabOrderRecord?> FindOrderAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>One report by id with its observations, or null when there is none.</summary>
    Task<LabReportRecord?> FindReportAsync(Guid reportId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Lab tests' names in a reader's language, for modules that show tests by their stored display (the record timeline): the
/// bundled LOINC catalogue's English or Russian name, else the display as the order or the lab wrote it.
/// </summary>
public interface ILabTestNames
{
    /// <summary>
    /// <paramref name="loincCode"/>'s name for a <paramref name="language"/> reader (<c>ru…</c> → Russian, else English) when the
    /// catalogue has the code, else <paramref name="display"/> unchanged.
    /// </summary>
    string NameOf(string loincCode, string display, string language);
}
