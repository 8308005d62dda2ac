using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Clinical.Formulary.SearchFormulary;

/// <summary>
/// GET /clinical/formulary?q=: doctors search the formulary by name, INN in English or Russian (<c>amoxi</c>,
/// <c>ибупрофен</c>), ATC code or product code; at most 20 in name order. 400 <c>clinical.query_too_short</c> under 2 characters.
/// </summary>
internal static class SearchFormulary
{
    public static readonly Error QueryTooShort = Error.Validation("clinical.query_too_short", "Type at least 2 characters of a medicine's name or code.");

    public static async Task<Results<Ok<IReadOnlyList<FormularyMatch>>, ProblemHttpResult>> EndpointAsync(string? q, FormularyCatalogue catalogue, CancellationToken ct)
    {
        if (q is null || q.Trim().Length < 2 || q.Length > 100)
        {
            return Problems.From(QueryTooShort);
        }

        return TypedResults.Ok(await catalogue.SearchAsync(q, ct));
    }
}
