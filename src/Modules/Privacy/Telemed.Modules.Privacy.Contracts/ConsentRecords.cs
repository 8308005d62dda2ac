namespace Telemed.Modules.Privacy.Contracts;

/// <summary>
/// Where a patient stands on one kind of consent (one of <see cref="ConsentKinds"/>), from their latest decision: <paramref name="Given"/>
/// false means withdrawn. <paramref name="Version"/> is the text version that decision answered and <paramref name="CurrentVersion"/>
/// the version published now (a consent given to an older one needs renewal). <paramref name="DecidedAt"/> is a UTC instant;
/// <paramref name="FirstGivenAt"/> when the patient first gave this kind of consent (UTC; null if never).
/// </summary>
public sealed record ConsentRecord(Guid PatientId, string Kind, bool Given, int Version, int CurrentVersion, DateTime DecidedAt, DateTime? FirstGivenAt);

/// <summary>A patient's consents for other modules (the FHIR API's Consent resources, the data export). No access check: the caller has made it.</summary>
public interface IConsentRecords
{
    /// <summary>One record per kind the patient has ever decided on (kinds never answered are left out), in <see cref="ConsentKinds.All"/> order.</summary>
    Task<IReadOnlyList<ConsentRecord>> ConsentsOfAsync(Guid patientId, CancellationToken cancellationToken = default);
}
