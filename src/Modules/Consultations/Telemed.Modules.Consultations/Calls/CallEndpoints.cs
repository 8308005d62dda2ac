using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.Calls;

public sealed record CallView(string CallToken, DateTime ExpiresAt, string Role, IReadOnlyList<IceServer> IceServers, string IceTransportPolicy);

internal static class CallEndpoints
{
    public static void MapCallEndpoints(this IEndpointRouteBuilder consultations) =>
        consultations.MapGet("/{id:guid}/call", CallAsync).RequireAuthorization(Policies.SignedIn).WithTags("Video").WithName("GetCall");

    private static async Task<Results<Ok<CallView>, ProblemHttpResult>> CallAsync(Guid id, ICurrentUser user, ConsultationAccess access, CallTokens tokens,
        IceServers ice, CancellationToken ct)
    {
        var (c, role) = await access.FindAsAsync(id, [ConsultationRole.Patient, ConsultationRole.Doctor], ct, track: false);
        if (c is null)
        {
            return Problems.From(ConsultationErrors.NotFound);
        }

        if (c.Status != ConsultationStatus.InProgress)
        {
            return Problems.From(ConsultationErrors.CallClosed);
        }

        var me = user.RequireUserId();
        var (token, expires) = tokens.Issue(id, me);
        return TypedResults.Ok(new CallView(token, expires, role == ConsultationRole.Doctor ? "caller" : "callee", ice.For(me), ice.TransportPolicy));
    }
}
