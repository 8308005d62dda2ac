namespace Telemed.Modules.Clinical.Jurisdictions;

/// <summary>
/// The telemedicine law a clinic practises under (a <c>JurisdictionCodes</c> value), kept by the clinical module because it
/// is the module that enforces it. Set by an administrator; changes are audited.
/// </summary>
internal sealed class ClinicJurisdiction
{
    public Guid ClinicId { get; init; }
    public string Code { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}
