using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Labs.PartnerLabs;

/// <summary>
/// A partner laboratory the clinic sends orders to: its name and address, the base URL of its FHIR R4 endpoint (or
/// <c>sandbox:</c> for the in-process demo sandbox lab), and whether patients may choose it now. <see cref="ClinicId"/>
/// null means every clinic of this installation works with it. No PHI.
/// </summary>
internal sealed class PartnerLab
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 300;
    public const int MaxUrlLength = 500;
    public const string SandboxBaseUrl = "sandbox:";

    public static readonly Error NotFound = new("labs.partner_lab_not_found", "No such partner lab.", ErrorKind.NotFound);

    private PartnerLab()
    {
    }

    public Guid Id { get; private set; }
    public Guid? ClinicId { get; private set; }
    public string Name { get; private set; } = "";
    public string Address { get; private set; } = "";
    public string FhirBaseUrl { get; private set; } = "";
    public bool Enabled { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static PartnerLab Create(Guid? clinicId, string name, string address, string fhirBaseUrl, bool enabled, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), ClinicId = clinicId, Name = name.Trim(), Address = address.Trim(), FhirBaseUrl = fhirBaseUrl.Trim(), Enabled = enabled,
        UpdatedAt = now,
    };

    public void Edit(Guid? clinicId, string name, string address, string fhirBaseUrl, bool enabled, DateTime now)
    {
        ClinicId = clinicId;
        Name = name.Trim();
        Address = address.Trim();
        FhirBaseUrl = fhirBaseUrl.Trim();
        Enabled = enabled;
        UpdatedAt = now;
    }

    /// <summary>Whether a patient of <paramref name="clinicId"/>'s order may choose this lab: enabled, and the clinic's own or everyone's.</summary>
    public bool ServesClinic(Guid? clinicId) => Enabled && (ClinicId is null || ClinicId == clinicId);

    /// <summary>
    /// Null when the host may call <paramref name="url"/> as a lab's FHIR base URL — exactly <c>sandbox:</c>, or a URL
    /// <see cref="OutboundUrlRule"/> allows (https, no credentials, not loopback or link-local; http and loopback only with
    /// <paramref name="allowLoopback"/>) — else why not.
    /// </summary>
    public static string? BaseUrlProblem(string? url, bool allowLoopback) =>
        url == SandboxBaseUrl ? null : OutboundUrlRule.Problem(url?.Trim(), allowLoopback);
}
