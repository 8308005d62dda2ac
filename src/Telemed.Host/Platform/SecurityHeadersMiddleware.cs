using Telemed.Modules.Billing.Contracts;
using Telemed.Modules.Consultations.Contracts;

namespace Telemed.Host.Platform;

/// <summary>
/// CSP, nosniff, referrer and framing rules on every response; HSTS only over TLS. The app's policy is 'self' only, widened
/// by exactly the origins the configured payment gateway's browser code needs (<see cref="PaymentBrowserSources"/>: none for
/// the sandbox, Stripe.js's for Stripe).
/// </summary>
public sealed class SecurityHeadersMiddleware
{
    // Swagger UI injects its own styles; it gets a slightly wider style policy and nothing else.
    private const string DocsPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'";

    private readonly RequestDelegate _next;
    private readonly string _appPolicy;

    /// <param name="next">The rest of the pipeline.</param>
    /// <param name="payments">The payment gateway's browser origins; absent (a host without billing) means none.</param>
    /// <param name="calls">The SFU's browser origin when group calls are configured (<see cref="CallBrowserSources"/>).</param>
    public SecurityHeadersMiddleware(RequestDelegate next, PaymentBrowserSources? payments = null, CallBrowserSources? calls = null)
    {
        _next = next;
        _appPolicy = AppPolicy(payments ?? PaymentBrowserSources.None, calls ?? CallBrowserSources.None);
    }

    /// <summary>
    /// The web app's policy. frame-src is spelled out only when a gateway needs frames (otherwise default-src 'self' covers it,
    /// as before); 'self' stays first in every widened directive so our own scripts, calls and frames keep working.
    /// </summary>
    public static string AppPolicy(PaymentBrowserSources payments, CallBrowserSources? calls = null)
    {
        var connections = payments.Connections.Concat((calls ?? CallBrowserSources.None).Connections).Distinct().ToList();
        static string With(IReadOnlyList<string> extra) => string.Join(' ', new[] { "'self'" }.Concat(extra));
        var frames = payments.Frames.Count > 0 ? $"frame-src {With(payments.Frames)}; " : "";
        return $"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src {With(payments.Scripts)}; " +
               $"connect-src {With(connections)}; {frames}font-src 'self'; " +
               "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    public Task InvokeAsync(HttpContext context)
    {
        // Set just before the headers go out: the exception handler clears the response (headers included) before it writes
        // an error, and error answers need these headers as much as any other.
        context.Response.OnStarting(static state =>
        {
            var (self, http) = ((SecurityHeadersMiddleware, HttpContext))state;
            return self.Apply(http);
        }, (this, context));
        return _next(context);
    }

    private Task Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/docs") ? DocsPolicy : _appPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(self), microphone=(self), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        if (context.Request.Path.StartsWithSegments("/api"))
        {
            headers.CacheControl = "no-store";
        }

        return Task.CompletedTask;
    }
}
