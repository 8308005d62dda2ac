namespace Telemed.BuildingBlocks.Auditing;

public enum AuditOutcome { Success, Failure, Denied }

/// <summary>
/// One fact for the audit trail. Record ids are opaque; never put PHI in any field. <c>SubjectPatientId</c> is the
/// directory patient id whose record this is (null when the fact is about no patient): the patient's access report finds
/// entries by it.
/// </summary>
public sealed record AuditRecord(
    string Action,
    AuditOutcome Outcome,
    DateTime OccurredAt,
    Guid? ActorId = null,
    string? ActorDisplay = null,
    string? IpAddress = null,
    string? RecordType = null,
    string? RecordId = null,
    string? Reason = null,
    bool BreakGlass = false,
    Guid? SubjectPatientId = null)
{
    /// <summary>
    /// A success recorded with <see cref="AuditScope.Record"/> ahead of a save that has not committed yet: if the unit of work's
    /// next save fails or its transaction rolls back, the fact did not happen and is written as a failure
    /// (<see cref="AuditScope.Requeue"/>). Not a column of the trail.
    /// </summary>
    internal bool AwaitsCommit { get; init; }
}

/// <summary>The audit module's port: appends to the tamper-evident trail.</summary>
public interface IAuditTrail
{
    /// <summary>
    /// Writes <paramref name="records"/> in one statement and one commit of their own, without any lock; they are
    /// durable when this returns and are hash-chained later by the sealer. For records of a unit of work that
    /// carries no write (PHI reads, denials, sign-ins).
    /// </summary>
    Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default);
}

/// <summary>
/// The audit module's port for writes: records that must commit or roll back with a business change are
/// inserted through the module's own connection, in its current transaction.
/// </summary>
public interface IAuditJournal
{
    /// <summary>
    /// Inserts <paramref name="records"/> as unsealed trail entries with one multi-row INSERT on
    /// <paramref name="database"/>'s connection, enlisted in its current transaction (if any).
    /// Throws what the database throws; the caller's transaction then rolls back the business change too.
    /// </summary>
    Task WriteAsync(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the INSERT that <see cref="WriteAsync"/> would run for <paramref name="records"/> to statements the caller sends
    /// together in one round trip, in its transaction: SQL with <c>{n}</c> placeholders numbered from <paramref name="parameters"/>'
    /// count, and their values. Returns false, appending nothing, when the records take more than one statement (then call
    /// <see cref="WriteAsync"/>).
    /// </summary>
    bool TryAppend(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database, IReadOnlyList<AuditRecord> records,
        System.Text.StringBuilder sql, List<object?> parameters);
}

/// <summary>Implemented by entities that hold PHI: every load and every change of one is audited.</summary>
public interface IPhiRecord
{
    string AuditRecordType { get; }
    Guid AuditRecordId { get; }

    /// <summary>
    /// The directory patient id the record belongs to, or null when it has none to give (then the access report does not
    /// list reads of it): written with every audit entry of the record so the patient's access report finds them by index.
    /// </summary>
    Guid? AuditPatientId => null;
}

public static class AuditActions
{
    public const string PhiRead = "phi.read";
    public const string PhiCreate = "phi.create";
    public const string PhiUpdate = "phi.update";
    public const string PhiDelete = "phi.delete";
    public const string AccessDenied = "access.denied";
    public const string BreakGlassGranted = "access.break_glass";
    public const string SignIn = "auth.sign_in";
    public const string SignInFailed = "auth.sign_in_failed";
    public const string SignOut = "auth.sign_out";
    public const string SessionExpired = "auth.session_expired";
    public const string MfaEnrolled = "auth.mfa_enrolled";
    public const string PasswordReset = "auth.password_reset";
    public const string UserInvited = "user.invited";
    public const string UserRegistered = "user.registered";
    public const string RolesChanged = "user.roles_changed";
    public const string UserSuspended = "user.suspended";
    public const string UserReactivated = "user.reactivated";
    public const string DoctorStatusChanged = "doctor.status_changed";
}
