using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Telemed.Modules.Billing.Claims;

/// <summary>OpenAPI metadata shared by the admin claims endpoints.</summary>
internal static class ClaimEndpointMetadata
{
    /// <summary>
    /// Declares the ProblemDetails answers of an admin claims endpoint: 401 (not signed in) and 403 (not an admin) for all of them, plus
    /// <paramref name="statuses"/> (400, 404, 409 as the endpoint can answer them).
    /// </summary>
    public static RouteHandlerBuilder ProducesClaimProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Concat([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]).Order())
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
