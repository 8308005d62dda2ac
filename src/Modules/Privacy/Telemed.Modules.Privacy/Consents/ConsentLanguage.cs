using Microsoft.AspNetCore.Http;

namespace Telemed.Modules.Privacy.Consents;

/// <summary>Which wording of a consent the patient reads: Russian when their first preferred language is Russian, else English.</summary>
internal static class ConsentLanguage
{
    /// <summary><c>ru</c> or <c>en</c> from an Accept-Language value such as <c>ru-RU,ru;q=0.9,en;q=0.8</c>.</summary>
    public static string FromPreference(string? acceptLanguage) =>
        (acceptLanguage ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } first
        && first.StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? "ru" : "en";

    public static string Of(HttpRequest request) => FromPreference(request.Headers.AcceptLanguage.ToString());
}
