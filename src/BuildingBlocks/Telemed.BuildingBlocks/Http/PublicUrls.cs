using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Telemed.BuildingBlocks.Http;

/// <summary>
/// Absolute links for e-mails, SMS, calendar files and feeds, FHIR Bundles and attachments, the one place that decides the
/// platform's public address: <c>App:PublicBaseUrl</c> when configured; else the address the host listens on, with wildcard hosts
/// (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>, <c>*</c>) read as <c>127.0.0.1</c>. Never the request's <c>Host</c> header: any client
/// chooses it, so a link built from it (a password reset e-mail, a FHIR <c>next</c> link, a document URL) could send the reader to
/// a server of the client's choosing. A link is never relative: a mail client cannot resolve one.
/// </summary>
public sealed class PublicUrls(IConfiguration configuration, IServiceProvider services)
{
    public const string Setting = "App:PublicBaseUrl";

    private const string Fallback = "http://127.0.0.1:5080";

    /// <summary>The base without a trailing slash, e.g. <c>https://portal.clinic.example</c>.</summary>
    /// <exception cref="InvalidOperationException"><c>App:PublicBaseUrl</c> is set but is not an absolute http(s) address.</exception>
    public string BaseUrl
    {
        get
        {
            var configured = configuration[Setting];
            if (!string.IsNullOrWhiteSpace(configured))
            {
                if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                {
                    throw new InvalidOperationException($"{Setting} must be an absolute http(s) address such as https://portal.clinic.example.");
                }

                return configured.TrimEnd('/');
            }

            var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? Fallback;
            return address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
                .Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        }
    }

    /// <summary>The absolute link to <paramref name="pathAndQuery"/> (e.g. <c>/r/{token}</c>; a missing leading slash is added).</summary>
    public string To(string pathAndQuery) => BaseUrl + (pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery);
}

public static class PublicUrlsRegistration
{
    /// <summary>Registers <see cref="PublicUrls"/> (once; safe to call from every module that builds links).</summary>
    public static IServiceCollection AddPublicUrls(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton<PublicUrls>();
        return services;
    }
}
