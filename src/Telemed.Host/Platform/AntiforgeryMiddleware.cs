using Microsoft.AspNetCore.Antiforgery;

namespace Telemed.Host.Platform;

/// <summary>
/// Double-submit antiforgery for the cookie-authenticated web app: every API response refreshes a
/// script-readable <c>XSRF-TOKEN</c> cookie, every state-changing request must echo it in a header.
/// Bearer-token clients carry no ambient credentials and are exempt.
/// </summary>
public sealed class AntiforgeryMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string HeaderName = "X-XSRF-TOKEN";
    public const string CookieName = "XSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var bearer = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        var unsafeMethod = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));
        var tokenEndpoint = context.Request.Path.StartsWithSegments("/api/v1/auth/tokens");
        // Payment gateways' webhooks carry no cookie and prove themselves with a signature over the body.
        var gatewayWebhook = context.Request.Path.StartsWithSegments("/api/v1/billing/webhooks");
        if (unsafeMethod && !bearer && !tokenEndpoint && !gatewayWebhook)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException) when (SignInIsWhatIsMissing(context))
            {
                // Authorization answers it (401); the XSRF cookie below is refreshed for the sign-in page.
            }
            catch (AntiforgeryValidationException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new
                {
                    type = "https://telemed.dev/problems/antiforgery.invalid",
                    title = "The request is invalid.",
                    status = 400,
                    detail = "The page is out of date. Reload it and try again.",
                    code = "antiforgery.invalid",
                }, options: null, contentType: "application/problem+json");
                return;
            }
        }

        if (!bearer)
        {
            context.Response.OnStarting(() =>
            {
                var tokens = antiforgery.GetAndStoreTokens(context);
                context.Response.Cookies.Append(CookieName, tokens.RequestToken!, new CookieOptions
                {
                    HttpOnly = false,
                    SameSite = SameSiteMode.Strict,
                    Secure = context.Request.IsHttps,
                    Path = "/",
                });
                return Task.CompletedTask;
            });
        }

        await next(context);
    }

    /// <summary>
    /// A token the page was given while signed in no longer matches once that session has ended elsewhere (a suspension, a role
    /// change, a sign-out on another device): the caller is anonymous now. Where the endpoint needs a signed-in caller (every one
    /// without <see cref="Microsoft.AspNetCore.Authorization.IAllowAnonymous"/>: the fallback policy), authorization refuses the
    /// request anyway, with the 401 <c>auth.required</c> that sends the web app to the sign-in page; "the page is out of date,
    /// reload" would loop. Nothing is let through that authorization would not refuse.
    /// </summary>
    private static bool SignInIsWhatIsMissing(HttpContext context) =>
        context.User.Identity?.IsAuthenticated != true
        && context.GetEndpoint() is { } endpoint
        && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null;
}
