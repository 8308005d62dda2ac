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

    /// <summary>
    /// <c>ru</c> or <c>en</c>: an explicit choice (a <c>?lang=</c> or <c>?language=</c> query value) when one was given, else the
    /// current request's <c>Accept-Language</c> (<see cref="Current"/>), so an API client that only sends the header is answered in
    /// its language as the web app is.
    /// </summary>
    public static string Preferring(string? explicitLanguage) => string.IsNullOrWhiteSpace(explicitLanguage) ? Current : Of(explicitLanguage);

    /// <summary>An explicit choice (a <c>?language=</c> the web app adds to a plain download link) wins over the request's header.</summary>
    public static string Of(string? explicitLanguage, HttpRequest request) =>
        Of(string.IsNullOrWhiteSpace(explicitLanguage) ? request.Headers.AcceptLanguage.ToString() : explicitLanguage);
}
