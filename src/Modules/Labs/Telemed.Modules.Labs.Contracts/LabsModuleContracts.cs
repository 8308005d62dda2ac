namespace Telemed.Modules.Labs.Contracts;

/// <summary>The labs module's facade for the host (demo seeding).</summary>
public interface ILabsModule
{
    /// <summary>
    /// The id of the partner lab with this name, created (enabled, serving every clinic) if missing. <paramref name="fhirBaseUrl"/>
    /// is the lab's FHIR R4 base URL, or <c>sandbox:</c> for the in-process demo sandbox lab.
    /// </summary>
    Task<Guid> EnsurePartnerLabAsync(string name, string address, string fhirBaseUrl, CancellationToken cancellationToken = default);
}
