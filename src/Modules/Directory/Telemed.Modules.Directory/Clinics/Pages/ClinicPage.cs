namespace Telemed.Modules.Directory.Clinics.Pages;

/// <summary>
/// A clinic's public page in one language: four Markdown sections an admin writes (services, visit types and prices, FAQ,
/// contacts). Stored as Markdown; rendered and sanitised on the way out (<see cref="ClinicPageRenderer"/>).
/// </summary>
internal sealed class ClinicPage
{
    /// <summary>Languages a page can be written in; English is the fallback for a section left empty in another.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "ru"];

    public const string FallbackLanguage = "en";

    /// <summary>Characters per section.</summary>
    public const int MaxSectionLength = 20_000;

    public Guid ClinicId { get; init; }
    public required string Language { get; init; }
    public string Services { get; set; } = "";
    public string VisitTypes { get; set; } = "";
    public string Faq { get; set; } = "";
    public string Contacts { get; set; } = "";

    /// <summary>UTC instant of the last edit; <see cref="UpdatedBy"/> is the admin's user id (null for the demo seeder).</summary>
    public DateTime UpdatedAt { get; set; }

    public Guid? UpdatedBy { get; set; }

    public static bool IsKnownLanguage(string? language) => language is not null && Languages.Contains(language);

    public bool IsEmpty => Services.Length == 0 && VisitTypes.Length == 0 && Faq.Length == 0 && Contacts.Length == 0;
}
