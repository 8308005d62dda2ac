using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Fhir.Access;

namespace Telemed.Modules.Fhir.Scopes;

/// <summary>Asks for a scoped FHIR token: <c>scope</c> is <c>patient/*.read</c> (with <c>patient</c>, a patient id) or <c>user/*.read</c>.</summary>
public sealed record SmartTokenRequest(string? Scope, Guid? Patient);

/// <summary>A scoped FHIR token: use it as <c>Authorization: Bearer {accessToken}</c> on /fhir/R4 until <c>expiresAt</c> (UTC).</summary>
public sealed record SmartTokenResponse(string AccessToken, string TokenType, string Scope, Guid? Patient, DateTime ExpiresAt);

/// <summary>
/// <c>POST /api/v1/fhir/tokens</c>: a signed-in user (session cookie or bearer token) gets a SMART-style token for an API client.
/// A <c>patient/*.read</c> token needs a patient the user may see now (their own or a dependant's, or a treated patient); the
/// token is then limited to that patient even if the user may see more. Errors: 400 <c>fhir.invalid_scope</c>, 404 <c>not_found</c>
/// for a patient the user may not see (audited like any refused access). The token lives at most one hour and never longer than
/// the session that asked for it: signing out, suspension or any other end of that session revokes it.
/// </summary>
internal static class IssueSmartToken
{
    public static async Task<Results<Ok<SmartTokenResponse>, ProblemHttpResult>> IssueAsync(SmartTokenRequest request, HttpContext http,
        FhirViewerResolver viewers, FhirPatientAccess access, SmartTokens tokens, CancellationToken ct)
    {
        // The policy on the endpoint already requires a signed-in user; a token may not mint another token, and every token is
        // bound to the session that asked for it, so it dies with that session.
        if (await viewers.ResolveAsync(http) is not { ScopedPatientId: null, SessionId: { } sessionId } viewer)
        {
            return Problems.From(Error.Forbidden());
        }

        switch (request.Scope)
        {
            case SmartTokens.UserRead when request.Patient is null:
            {
                var (token, expires) = tokens.Issue(viewer.UserId, sessionId, null);
                return TypedResults.Ok(new SmartTokenResponse(token, "Bearer", SmartTokens.UserRead, null, expires));
            }

            case SmartTokens.PatientRead when request.Patient is { } patientId:
            {
                if (!viewer.MaySeeAnyPatientData || !await access.MaySeeAsync(viewer, patientId, ct))
                {
                    return Problems.From(Error.NotFound());
                }

                var (token, expires) = tokens.Issue(viewer.UserId, sessionId, patientId);
                return TypedResults.Ok(new SmartTokenResponse(token, "Bearer", SmartTokens.PatientRead, patientId, expires));
            }

            default:
                return Problems.From(Error.Validation("fhir.invalid_scope", "scope is patient/*.read with a patient, or user/*.read without one."));
        }
    }
}
