using Microsoft.AspNetCore.Http;
using Telemed.BuildingBlocks.Text;

namespace Telemed.BuildingBlocks.Http;

/// <summary>
/// The language a reader of the current request reads (<c>ru</c> or <c>en</c>, the two the web app speaks): the first
/// language of its <c>Accept-Language</c>, which the web app's API client sets to its own language on every call. For texts
/// the server words itself for that reader (a dosage sentence, a document), so they do not reach a Russian-speaking reader
/// as an English sentence (docs/localisation.md, "Texts the server writes for a reader"). Outside a request (background
/// work) it is <c>en</c>: background work knows its recipient and passes their language explicitly.
/// </summary>
public static class ReaderLanguage
{
    // HttpContextAccessor keeps the current context in a static AsyncLocal: any instance reads the request this code runs in.
    private static readonly HttpContextAccessor Accessor = new();

    /// <summary><c>ru</c> or <c>en</c> for the current request; <c>en</c> outside one or for any other language.</summary>
    public static string Current => Of(Accessor.HttpContext?.Request.Headers.AcceptLanguage.ToString());

    /// <summary><c>ru</c> when the first entry of an Accept-Language value (or a bare code such as <c>ru-RU</c>) is Russian, else <c>en</c> (<see cref="LanguagePreference"/>).</summary>
    public static string Of(string? acceptLanguage) => LanguagePreference.Of(acceptLanguage);

    /// <summary>An explicit choice (a <c>?language=</c> the web app adds to a plain download link) wins over the request's header.</summary>
    public static string Of(string? explicitLanguage, HttpRequest request) =>
        Of(string.IsNullOrWhiteSpace(explicitLanguage) ? request.Headers.AcceptLanguage.ToString() : explicitLanguage);
}
