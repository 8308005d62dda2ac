using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Clinical.Icd10.SearchIcd10;

/// <summary>
/// GET /clinical/icd10?q=: doctors search the catalogue by code (<c>J06</c>) or words in English or Russian (<c>sore throat</c>,
/// <c>фарингит</c>); at most 20 entries in code order. 400 <c>clinical.query_too_short</c> under 2 characters.
/// </summary>
internal static class SearchIcd10
{
    public static readonly Error QueryTooShort = Error.Validation("clinical.query_too_short", "Type at least 2 characters of a code or a word.");

    public static async Task<Results<Ok<IReadOnlyList<Icd10Match>>, ProblemHttpResult>> EndpointAsync(string? q, Icd10Catalogue catalogue, CancellationToken ct)
    {
        if (q is null || q.Trim().Length < 2 || q.Length > 100)
        {
            return Problems.From(QueryTooShort);
        }

        return TypedResults.Ok(await catalogue.SearchAsync(q, ct));
    }
}
