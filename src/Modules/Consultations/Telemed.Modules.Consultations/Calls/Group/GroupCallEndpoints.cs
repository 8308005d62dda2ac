using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;

namespace Telemed.Modules.Consultations.Calls.Group;

/// <summary>Body of <c>POST /consultations/{id}/guests</c>: the guest's account e-mail and role (interpreter, family, consultingDoctor).</summary>
public sealed record InviteGuestRequest(string? Email, string? Role);

/// <summary>Routes of calls with guests (issue 16). Errors are ProblemDetails with the codes of <see cref="GroupCallErrors"/> and <c>consultation.not_found</c>.</summary>
internal static class GroupCallEndpoints
{
    public static void MapGroupCallEndpoints(this IEndpointRouteBuilder consultations)
    {
        var guests = consultations.MapGroup("/{id:guid}/guests").WithTags("Video");
        guests.MapGet("", ListAsync).RequireAuthorization(Policies.SignedIn).WithName("ListCallGuests").DeclaresProblems(401, 404);
        guests.MapPost("", InviteAsync).RequireAuthorization(Policies.Doctor).WithName("InviteCallGuest").DeclaresProblems(400, 401, 403, 404, 409);
        guests.MapPost("/{guestId:guid}/admit", AdmitAsync).RequireAuthorization(Policies.Doctor).WithName("AdmitCallGuest").DeclaresProblems(401, 403, 404, 409, 503);
        guests.MapDelete("/{guestId:guid}", RemoveAsync).RequireAuthorization(Policies.Doctor).WithName("RemoveCallGuest").DeclaresProblems(401, 403, 404, 503);
        guests.MapGet("/me", MineAsync).RequireAuthorization(Policies.SignedIn).WithName("GetMyCallInvitation").DeclaresProblems(401, 404);
        guests.MapPost("/me/knock", KnockAsync).RequireAuthorization(Policies.SignedIn).WithName("AskToJoinCall").DeclaresProblems(401, 404, 409);
        consultations.MapPut("/{id:guid}/screen-sharing", SetScreenSharingAsync).RequireAuthorization(Policies.Doctor).WithTags("Video")
            .Validate<ScreenSharingRequest>().WithName("SetPatientScreenSharing").DeclaresProblems(400, 401, 403, 404, 409, 503);
    }

    /// <summary><c>GET /me/call-invitations</c>: calls in progress the caller is invited to.</summary>
    public static void MapCallInvitations(this IEndpointRouteBuilder api) =>
        api.MapGet("/me/call-invitations", async (GroupCalls calls, CancellationToken ct) => TypedResults.Ok(await calls.InvitationsAsync(ct)))
            .RequireAuthorization(Policies.SignedIn).WithTags("Video").WithName("ListMyCallInvitations");

    /// <summary>Declares the ProblemDetails answers an operation gives, for the OpenAPI document.</summary>
    internal static RouteHandlerBuilder DeclaresProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    private static async Task<Results<Ok<List<CallGuestView>>, ProblemHttpResult>> ListAsync(Guid id, GroupCalls calls, CancellationToken ct)
    {
        var result = await calls.ListAsync(id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Error!);
    }

    private static async Task<Results<Created<CallGuestView>, ProblemHttpResult>> InviteAsync(Guid id, InviteGuestRequest? request, GroupCalls calls, CancellationToken ct)
    {
        var result = await calls.InviteAsync(id, request?.Email, request?.Role, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/consultations/{id}/guests/{result.Value.GuestId}", result.Value) : Problems.From(result.Error!);
    }

    private static async Task<Results<Ok<CallGuestView>, ProblemHttpResult>> AdmitAsync(Guid id, Guid guestId, GroupCalls calls, CancellationToken ct)
    {
        var result = await calls.AdmitAsync(id, guestId, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Error!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(Guid id, Guid guestId, GroupCalls calls, CancellationToken ct)
    {
        var result = await calls.RemoveAsync(id, guestId, ct);
        return result.IsSuccess ? TypedResults.NoContent() : Problems.From(result.Error!);
    }

    private static async Task<Results<Ok<CallGuestView>, ProblemHttpResult>> MineAsync(Guid id, GroupCalls calls, CancellationToken ct)
    {
        var result = await calls.MineAsync(id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Error!);
    }

    private static async Task<Results<Ok<ScreenSharingView>, ProblemHttpResult>> SetScreenSharingAsync(Guid id, ScreenSharingRequest? request, ScreenSharing sharing,
        CancellationToken ct)
    {
        var result = await sharing.SetAsync(id, request!.PatientAllowed!.Value, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Error!);
    }

    private static async Task<Results<Ok<CallGuestView>, ProblemHttpResult>> KnockAsync(Guid id, GroupCalls calls, CancellationToken ct)
    {
        var result = await calls.KnockAsync(id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Error!);
    }
}
