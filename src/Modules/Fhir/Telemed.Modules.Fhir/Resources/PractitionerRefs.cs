using Hl7.Fhir.Model;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>
/// References to doctors named by their user id (as the clinical module records signers and prescribers): Practitioner/{doctor id}
/// with the doctor's name, looked up once per request. A user without a doctor profile is a display-only reference.
/// </summary>
internal sealed class PractitionerRefs(IDirectoryModule directory)
{
    private readonly Dictionary<Guid, DoctorSummary?> _byUser = [];

    /// <summary>Practitioner/{doctor id} with the doctor's display name, or a reference with only <paramref name="fallbackName"/>.</summary>
    public async Task<ResourceReference> OfUserAsync(Guid userId, string? fallbackName, CancellationToken ct)
    {
        if (!_byUser.TryGetValue(userId, out var doctor))
        {
            doctor = await directory.GetDoctorByUserAsync(userId, ct);
            _byUser[userId] = doctor;
        }

        return doctor is null ? new ResourceReference { Display = fallbackName } : FhirRefs.To("Practitioner", doctor.DoctorId, doctor.DisplayName);
    }
}
