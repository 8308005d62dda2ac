namespace Telemed.Modules.Interop.Ledger;

/// <summary>
/// One line of the import ledger: a resource of another system (<see cref="SourceSystem"/>, <see cref="ResourceType"/>,
/// <see cref="SourceKey"/> from <see cref="LedgerKeys"/>) and what it became here: the patient, and <see cref="TargetRef"/> (the patient id,
/// a lab report id, or the fingerprint of the profile entry written). <see cref="ContentHash"/> tells an unchanged re-import from an update.
/// Holds ids and hashes only, no PHI. UTC times.
/// </summary>
internal sealed class ImportLedgerEntry
{
    public const int MaxSourceSystemLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string SourceSystem { get; init; }
    public required string ResourceType { get; init; }
    public required string SourceKey { get; init; }
    public required string ContentHash { get; set; }
    public Guid PatientId { get; init; }
    public required string TargetRef { get; set; }
    public DateTime ImportedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}
