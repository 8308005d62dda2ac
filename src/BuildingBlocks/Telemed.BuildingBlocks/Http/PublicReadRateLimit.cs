using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Telemed.BuildingBlocks.Http;

/// <summary>
/// The limit on public, anonymous reads (the doctor directory and free times a visitor browses before signing in):
/// <c>RateLimiting:PublicPermitsPerMinute</c> requests a minute per client address (default 300) for signed-out callers;
/// signed-in callers are not limited by it (their session already identifies them). Excess requests get 429 with the
/// <c>rate_limited</c> problem that the host's limiter writes.
/// </summary>
public static class PublicReadRateLimit
{
    /// <summary>The policy name to pass to <c>RequireRateLimiting</c>.</summary>
    public const string Policy = "public-read";

    public const string Setting = "RateLimiting:PublicPermitsPerMinute";

    /// <summary>Registers the policy (once per host: the Directory module does, Scheduling's free times use it too).</summary>
    public static IServiceCollection AddPublicReadRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permitsPerMinute = configuration.GetValue(Setting, 300);
        services.AddRateLimiter(o => o.AddPolicy(Policy, http => http.User.Identity?.IsAuthenticated == true
            ? RateLimitPartition.GetNoLimiter("signed-in")
            : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return services;
    }

    /// <summary>Open to signed-out visitors, within the public read limit.</summary>
    public static TBuilder PublicRead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous().RequireRateLimiting(Policy);
}
