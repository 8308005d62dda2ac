namespace Telemed.Modules.Labs.Results;

/// <summary>
/// One reported value, stored inside its report's encrypted value list: LOINC code and display, numeric value in UCUM
/// <see cref="Unit"/> or a text value, the reference range that applies (the lab's, else the catalogue's), the flag
/// (<see cref="Contracts.LabFlags"/>), the lab's Observation id and the specimen time (UTC). A test the lab gave no result for (neither
/// value nor text: <see cref="ValueFlags.HasResult"/>) keeps why in <see cref="AbsentReason"/> (a FHIR data-absent-reason code such as
/// <c>not-performed</c>, or the status <c>cancelled</c> / <c>entered-in-error</c>) and <see cref="AbsentReasonText"/> (the lab's words),
/// has no flag, and never counts as normal.
/// </summary>
internal sealed record LabValue(Guid Id, string LoincCode, string Display, decimal? Value, string? ValueText, string? Unit, decimal? RangeLow,
    decimal? RangeHigh, string? Flag, string? ExternalId, DateTime EffectiveAt, string? AbsentReason = null, string? AbsentReasonText = null);
