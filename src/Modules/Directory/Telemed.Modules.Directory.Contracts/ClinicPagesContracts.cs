namespace Telemed.Modules.Directory.Contracts;

/// <summary>A clinic page's four Markdown sections.</summary>
public sealed record ClinicPageText(string Services, string VisitTypes, string Faq, string Contacts);

/// <summary>The clinics' public pages, for the host's demo seeding.</summary>
public interface IClinicPages
{
    /// <summary>Writes the page of a clinic in a language ("en" or "ru") unless one exists already (an admin's edits stay).</summary>
    Task EnsurePageAsync(Guid clinicId, string language, ClinicPageText text, CancellationToken cancellationToken = default);
}
