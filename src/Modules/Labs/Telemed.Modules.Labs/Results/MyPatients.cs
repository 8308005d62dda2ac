using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Labs.Results;

/// <summary>
/// The patients a signed-in patient's lab lists cover: its own record and every dependant it is a guardian of, as the directory decides
/// (<see cref="IPatientRepresentation.RepresentedAsync"/>, the rule <see cref="LabAccess"/> applies to every order and report by id).
/// </summary>
internal sealed class MyPatients(ICurrentUser user, IPatientRepresentation representation)
{
    public async Task<Covered> LoadAsync(CancellationToken ct) => new(await representation.RepresentedAsync(user.RequireUserId(), ct));

    /// <summary>The covered patients' ids, and the display name of each that is a dependant's (null for the account's own).</summary>
    public sealed class Covered(IReadOnlyList<RepresentedPatient> patients)
    {
        public IReadOnlyList<Guid> Ids { get; } = [.. patients.Select(p => p.PatientId)];

        public string? NameIfDependant(Guid patientId) => patients.FirstOrDefault(p => p.PatientId == patientId && !p.IsOwn)?.DisplayName;
    }
}
