namespace Telemed.Modules.Fhir.Contracts;

/// <summary>
/// The patient's whole record as one FHIR R4 Bundle, for other modules (the Privacy module's data export).
/// It returns what <c>GET /fhir/R4/Patient/{id}/$everything</c> returns, with the same authorization and
/// audit: the caller is the signed-in user of the current request (the patient themself, or a doctor with a
/// care relationship). See docs/fhir.md.
/// </summary>
public interface IFhirPatientExport
{
    /// <summary>
    /// The patient's Bundle (type <c>searchset</c>, the Patient first, then every resource of the patient the
    /// FHIR API serves) serialized as FHIR JSON (<c>application/fhir+json</c>). Each read is audited.
    /// </summary>
    /// <param name="patientId">The patient's user id.</param>
    /// <returns>
    /// <see cref="FhirExportResult.Ok"/> with the JSON; <see cref="FhirExportResult.NotFound"/> when there is no such
    /// patient or the caller may not see it (the two are not told apart, as on the REST API).
    /// </returns>
    Task<FhirExportResult> EverythingAsync(Guid patientId, CancellationToken cancellationToken = default);
}

/// <summary>The outcome of <see cref="IFhirPatientExport.EverythingAsync"/>: the Bundle JSON, or none when not found/not allowed.</summary>
public sealed record FhirExportResult(bool Found, string? BundleJson)
{
    public static FhirExportResult Ok(string json) => new(true, json);
    public static FhirExportResult NotFound { get; } = new(false, null);
}
