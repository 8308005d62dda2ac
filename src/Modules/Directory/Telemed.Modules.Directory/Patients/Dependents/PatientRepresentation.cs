using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Directory.Patients.Dependents;

/// <summary>
/// <see cref="IPatientRepresentation"/>: the rules, over the two facts the directory keeps (<see cref="IPatientLinks"/>): which patient
/// record is the account's own, and which records it is a guardian of.
/// </summary>
internal sealed class PatientRepresentation(IPatientLinks links, AuditScope audit) : IPatientRepresentation
{
    /// <summary>The trail's reason for a refused <see cref="ActingForAsync"/> (a code of <c>AuditReasons</c>).</summary>
    public const string DeniedReason = "not the patient or a guardian";

    public async Task<bool> ActsForAsync(Guid userId, Guid patientId, CancellationToken cancellationToken = default) =>
        await links.OwnPatientIdAsync(userId, cancellationToken) == patientId
        || await links.IsGuardianOfAsync(userId, patientId, cancellationToken);

    public async Task<Guid?> ActingForAsync(Guid userId, Guid? asked, CancellationToken cancellationToken = default)
    {
        var own = await links.OwnPatientIdAsync(userId, cancellationToken);
        if (asked is null || asked == own)
        {
            return own;
        }

        if (await links.IsGuardianOfAsync(userId, asked.Value, cancellationToken))
        {
            return asked;
        }

        audit.RecordDenied("Patient", asked.Value, DeniedReason);
        return null;
    }

    public async Task<IReadOnlyList<RepresentedPatient>> RepresentedAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var own = await links.OwnPatientIdAsync(userId, cancellationToken);
        var dependants = await links.DependantIdsAsync(userId, cancellationToken);
        List<Guid> ids = own is { } o ? [o, .. dependants.Where(d => d != o)] : [.. dependants];
        if (ids.Count == 0)
        {
            return [];
        }

        var names = await links.NamesAsync(ids, cancellationToken);
        return [.. ids.Select(id => new RepresentedPatient(id, names.GetValueOrDefault(id, ""), id == own))];
    }
}
