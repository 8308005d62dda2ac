using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Patients.Dependents;

/// <summary>The facts <see cref="PatientRepresentation"/> decides from; no PHI is read but the names a list shows (<see cref="NamesAsync"/>, audited).</summary>
internal interface IPatientLinks
{
    /// <summary>The patient record of the account <paramref name="userId"/>, or null when it has none (staff, a new account).</summary>
    Task<Guid?> OwnPatientIdAsync(Guid userId, CancellationToken ct);

    /// <summary>True while a guardian link joins the account <paramref name="userId"/> to the patient <paramref name="patientId"/>.</summary>
    Task<bool> IsGuardianOfAsync(Guid userId, Guid patientId, CancellationToken ct);

    /// <summary>The patients the account <paramref name="userId"/> is a guardian of, oldest link first.</summary>
    Task<IReadOnlyList<Guid>> DependantIdsAsync(Guid userId, CancellationToken ct);

    /// <summary>Display names of <paramref name="patientIds"/> (unknown ids left out): the directory's cached names, each read audited.</summary>
    Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken ct);
}

/// <summary>
/// <see cref="IPatientLinks"/> from the directory: the account's own record from the facade's cache (the link never changes once made),
/// guardian links by one indexed query every time (so a removed link stops acting at once, on every host).
/// </summary>
internal sealed class PatientLinks(IDirectoryModule directory, DirectoryDbContext db) : IPatientLinks
{
    public Task<Guid?> OwnPatientIdAsync(Guid userId, CancellationToken ct) => directory.FindPatientIdAsync(userId, ct);

    public Task<bool> IsGuardianOfAsync(Guid userId, Guid patientId, CancellationToken ct) =>
        db.Guardians.AsNoTracking().AnyAsync(g => g.PatientId == patientId && g.GuardianUserId == userId, ct);

    public async Task<IReadOnlyList<Guid>> DependantIdsAsync(Guid userId, CancellationToken ct) =>
        await db.Guardians.AsNoTracking().Where(g => g.GuardianUserId == userId).OrderBy(g => g.CreatedAt).ThenBy(g => g.PatientId)
            .Select(g => g.PatientId).ToListAsync(ct);

    public Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken ct) =>
        directory.GetPatientNamesAsync(patientIds, ct);
}
