namespace Telemed.BuildingBlocks.Auditing;

/// <summary>
/// Refused access to a PHI-bearing record. The caller is told the record does not exist (404, or a hub error that
/// reads the same as for an unknown id), but the trail keeps the truth: who asked for which record and was refused.
/// </summary>
public static class AuditDenials
{
    /// <summary>
    /// Records an <see cref="AuditActions.AccessDenied"/> entry with outcome <see cref="AuditOutcome.Denied"/> naming the record
    /// (type and opaque id). <paramref name="why"/> is a fixed phrase such as "not a participant", never free text or PHI.
    /// </summary>
    public static void RecordDenied(this AuditScope audit, string recordType, Guid recordId, string why) =>
        audit.Record(AuditActions.AccessDenied, AuditOutcome.Denied, recordType, recordId.ToString(), why);
}
