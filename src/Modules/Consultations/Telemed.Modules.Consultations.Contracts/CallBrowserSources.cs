namespace Telemed.Modules.Consultations.Contracts;

/// <summary>
/// Origins the call page's code must reach outside our own (CSP <c>connect-src</c> source expressions such as
/// <c>wss://sfu.clinic.example</c>): the SFU's browser endpoint when group calls are configured, nothing otherwise. The
/// consultations module registers exactly one as a singleton; the host adds it to its policy without reading the module's settings.
/// </summary>
/// <param name="Connections">Origins for <c>connect-src</c>.</param>
public sealed record CallBrowserSources(IReadOnlyList<string> Connections)
{
    /// <summary>Calls need nothing outside our own origin (peer-to-peer media is not governed by CSP).</summary>
    public static CallBrowserSources None { get; } = new([]);

    /// <summary>The origin of a ws/wss/http/https URL (scheme, host and port), or none for anything else.</summary>
    public static CallBrowserSources For(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "ws" or "wss" or "http" or "https" ? new([u.GetLeftPart(UriPartial.Authority)]) : None;
}
