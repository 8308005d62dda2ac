using Telemed.BuildingBlocks.Access;

namespace Telemed.Modules.Fhir.Access;

/// <summary>
/// Who is asking the FHIR API: the signed-in user (cookie session or bearer session token), their roles, and, for a
/// SMART-style token scoped <c>patient/*.read</c>, the one patient the token is limited to (null: <c>user/*.read</c>,
/// everything the user may see).
/// </summary>
internal sealed record FhirViewer(Guid UserId, IReadOnlySet<string> Roles, Guid? ScopedPatientId)
{
    /// <summary>The server-side session of a cookie or session-token request; null for a SMART-style token (which cannot mint another).</summary>
    public Guid? SessionId { get; init; }

    public bool IsPatient => Roles.Contains(BuildingBlocks.Access.Roles.Patient);
    public bool IsDoctor => Roles.Contains(BuildingBlocks.Access.Roles.Doctor);

    /// <summary>Only patients (their own record and dependants') and doctors (with a care relationship) ever see patient data.</summary>
    public bool MaySeeAnyPatientData => IsPatient || IsDoctor;
}
