namespace Telemed.Modules.Labs.Contracts;

/// <summary>
/// A result value recorded by another lab or EHR (imported as FHIR Observation): LOINC code and display, a numeric
/// <paramref name="Value"/> in <paramref name="Unit"/> (UCUM where given) or a <paramref name="ValueText"/>, the reference range
/// <paramref name="RangeLow"/>..<paramref name="RangeHigh"/> (either may be null), the source's flag (one of <see cref="LabFlags"/>, or
/// null to derive it from the range) and the UTC time it was taken.
/// </summary>
public sealed record ExternalObservation(string LoincCode, string Display, decimal? Value, string? ValueText, string? Unit, decimal? RangeLow,
    decimal? RangeHigh, string? Flag, DateTime EffectiveAt);

/// <summary>What recording an external observation did: the lab report holding it, and whether it was created or changed (both false: the same value was there).</summary>
public sealed record ExternalObservationRecorded(Guid ReportId, bool Created, bool Changed);

/// <summary>External lab results (issue 13 item 5: import from another EHR or lab). Writes are audited (phi.create/phi.update) in the labs transaction.</summary>
public interface IExternalLabResults
{
    /// <summary>
    /// Records <paramref name="observation"/> for the patient as an imported lab report, already released (the patient and doctors with
    /// care access see it; no ordering doctor is alerted, as it is history). Keyed by <paramref name="externalId"/> (at most 200 characters,
    /// no PHI): the same key again updates the value in place instead of adding one.
    /// </summary>
    Task<ExternalObservationRecorded> RecordExternalObservationAsync(Guid patientId, string externalId, ExternalObservation observation,
        CancellationToken cancellationToken = default);
}
