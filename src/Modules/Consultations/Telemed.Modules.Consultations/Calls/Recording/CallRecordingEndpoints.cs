using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Calls.Group;

namespace Telemed.Modules.Consultations.Calls.Recording;

/// <summary>
/// Routes of call recording (issue 16). Errors are ProblemDetails with the codes of <see cref="CallRecordingErrors"/>,
/// <c>consultation.not_found</c>, <c>consultation.call_closed</c> and <c>consultation.sfu_unavailable</c>.
/// </summary>
internal static class CallRecordingEndpoints
{
    public static void MapCallRecordingEndpoints(this IEndpointRouteBuilder consultations)
    {
        var recording = consultations.MapGroup("/{id:guid}/recording").WithTags("Video");
        recording.MapGet("", StateAsync).RequireAuthorization(Policies.SignedIn).WithName("GetCallRecording").DeclaresProblems(401, 404);
        recording.MapPost("", AskAsync).RequireAuthorization(Policies.Doctor).WithName("AskToRecordCall").DeclaresProblems(401, 403, 404, 409);
        recording.MapPost("/consent", ConsentAsync).RequireAuthorization(Policies.SignedIn).WithName("AnswerCallRecordingConsent").DeclaresProblems(401, 404, 409, 503);
        recording.MapPost("/stop", StopAsync).RequireAuthorization(Policies.SignedIn).WithName("StopCallRecording").DeclaresProblems(401, 404, 409, 503);

        var recordings = consultations.MapGroup("/{id:guid}/recordings").WithTags("Video").RequireAuthorization(Policies.SignedIn);
        recordings.MapGet("", ListAsync).WithName("ListCallRecordings").DeclaresProblems(401, 404);
        recordings.MapGet("/{recordingId:guid}/tracks/{index:int}", PlayAsync).WithName("PlayCallRecordingTrack")
            .Produces(StatusCodes.Status200OK, contentType: "video/webm").Produces(StatusCodes.Status206PartialContent, contentType: "video/webm")
            .Produces(StatusCodes.Status416RangeNotSatisfiable).DeclaresProblems(401, 404);
    }

    private static async Task<Results<Ok<CallRecordingState>, ProblemHttpResult>> StateAsync(Guid id, CallRecordings recordings, CancellationToken ct) =>
        Answer(await recordings.StateForCallerAsync(id, ct));

    private static async Task<Results<Created<CallRecordingState>, ProblemHttpResult>> AskAsync(Guid id, CallRecordings recordings, CancellationToken ct)
    {
        var result = await recordings.AskAsync(id, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/consultations/{id}/recording", result.Value) : Problems.From(result.Error!);
    }

    private static async Task<Results<Ok<CallRecordingState>, ProblemHttpResult>> ConsentAsync(Guid id, RecordingConsentRequest? request, CallRecordings recordings,
        CancellationToken ct) =>
        Answer(await recordings.AnswerAsync(id, request?.ConsentVersion, request?.Accept ?? false, ct));

    private static async Task<Results<Ok<CallRecordingState>, ProblemHttpResult>> StopAsync(Guid id, CallRecordings recordings, CancellationToken ct) =>
        Answer(await recordings.StopAsync(id, ct));

    private static async Task<Results<Ok<List<CallRecordingView>>, ProblemHttpResult>> ListAsync(Guid id, CallRecordings recordings, CancellationToken ct)
    {
        var result = await recordings.ListAsync(id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Error!);
    }

    /// <summary>
    /// The WebM, decrypted part by part as it is sent; private, never cached by anything between. HTTP range requests (RFC 9110
    /// §14) are answered so a player can seek: <c>Accept-Ranges: bytes</c> always; one range (<c>bytes=a-b</c>, <c>bytes=a-</c> or
    /// the suffix <c>bytes=-n</c>) gets 206 with <c>Content-Range: bytes a-b/size</c> and only the parts it covers are decrypted;
    /// a range that starts past the end gets 416 with <c>Content-Range: bytes */size</c>; no range, a malformed one or several
    /// ranges get the whole file (200). The ETag names the track (a stored track never changes), so <c>If-Range</c> works.
    /// Every request, range or not, goes through the same access check and is audited as a playback.
    /// </summary>
    private static async Task<IResult> PlayAsync(Guid id, Guid recordingId, int index, CallRecordings recordings, RecordingMedia media, HttpContext http, CancellationToken ct)
    {
        var result = await recordings.PlayAsync(id, recordingId, index, ct);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error!);
        }

        var track = result.Value;
        http.Response.Headers.CacheControl = "no-store, private";
        var etag = new EntityTagHeaderValue($"\"{track.RecordingId:N}-{track.Index}\"");
        return TypedResults.Stream(media.OpenRead(track), "video/webm", entityTag: etag, enableRangeProcessing: true);
    }

    private static Results<Ok<CallRecordingState>, ProblemHttpResult> Answer(BuildingBlocks.Results.Result<CallRecordingState> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Error!);
}
