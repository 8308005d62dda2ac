using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Identity.Administration;

/// <summary>
/// The platform always keeps at least one active administrator: without one, nobody can invite staff, change roles or
/// reactivate accounts, and the operator would have to edit the database by hand.
/// </summary>
internal static class ClinicKeepsAnActiveAdministratorRule
{
    /// <summary>409 <c>identity.last_admin</c>.</summary>
    public static readonly Error LastAdministrator = Error.Conflict("identity.last_admin",
        "This would leave the clinic without an active administrator. Make someone else an administrator first.");

    /// <summary>
    /// <see cref="LastAdministrator"/> when taking <paramref name="leaving"/> away from <paramref name="activeAdministrators"/> (the ids
    /// of every active account with the Admin role, read in the change's transaction) would leave none; otherwise null.
    /// </summary>
    public static Error? IsBrokenBy(IReadOnlyCollection<Guid> activeAdministrators, Guid leaving) =>
        activeAdministrators.Any(id => id != leaving) ? null : LastAdministrator;
}
