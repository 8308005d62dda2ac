namespace Telemed.Modules.Interop.Import;

/// <summary>
/// One import's fixed facts: the source system (a URI naming the other EHR or lab), the patient the record belongs to here, and the
/// references by which the Bundle's entries may name that patient (its <c>fullUrl</c> and <c>Patient/{source id}</c>).
/// </summary>
internal sealed record ImportContext(string SourceSystem, Guid PatientId, IReadOnlySet<string> PatientReferences)
{
    /// <summary>True when <paramref name="reference"/> names the Bundle's patient.</summary>
    public bool IsThePatient(string? reference) => reference is not null && PatientReferences.Contains(reference.Trim());
}
