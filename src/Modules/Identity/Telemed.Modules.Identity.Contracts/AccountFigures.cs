namespace Telemed.Modules.Identity.Contracts;

/// <summary>Figures the admin's home page reads from identity (counts only: accounts belong to no clinic).</summary>
public interface IAccountFigures
{
    /// <summary>Patient accounts created in [<paramref name="fromUtc"/>, <paramref name="untilUtc"/>) (UTC), self-registered or by the front desk.</summary>
    Task<int> CountNewPatientAccountsAsync(DateTime fromUtc, DateTime untilUtc, CancellationToken cancellationToken = default);

    /// <summary>Staff invitations still open at <paramref name="nowUtc"/>: neither accepted nor expired nor revoked.</summary>
    Task<int> CountPendingInvitationsAsync(DateTime nowUtc, CancellationToken cancellationToken = default);
}
