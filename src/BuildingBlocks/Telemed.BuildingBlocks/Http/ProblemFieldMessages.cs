using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Telemed.BuildingBlocks.Text;

namespace Telemed.BuildingBlocks.Http;

/// <summary>
/// Puts the field messages of a ProblemDetails (its <c>errors</c>) into the reader's language just before it is written. The
/// host calls it from <c>CustomizeProblemDetails</c>, which every ProblemDetails answer passes through (the endpoints'
/// <see cref="Problems.From"/> results, the exception handler, status code pages), so a field message reaches a Russian-speaking
/// reader in Russian wherever it was made: a validator, a dictionary an endpoint builds by hand, a module error's own fields.
/// Messages are looked up in <see cref="ValidationMessagesRu"/>; one already in Russian (the validation filter and Identity's
/// refusals translate their own) finds no English entry and stays as it is.
/// </summary>
public static class ProblemFieldMessages
{
    /// <summary>
    /// Rewrites <paramref name="problem"/>'s field messages for <paramref name="language"/>'s reader (<c>ru</c> or <c>en</c>;
    /// nothing changes for <c>en</c>). Both places a field dictionary can sit are read: <see cref="HttpValidationProblemDetails.Errors"/>
    /// and an <c>errors</c> extension (the exception handler's missing members).
    /// </summary>
    public static void ForReader(ProblemDetails problem, string language)
    {
        if (language != LanguagePreference.Russian) return;
        if (problem is HttpValidationProblemDetails validation) Translate(validation.Errors, language);
        if (problem.Extensions.TryGetValue("errors", out var extension) && extension is IDictionary<string, string[]> errors) Translate(errors, language);
    }

    /// <summary><see cref="ForReader(ProblemDetails, string)"/> for the reader of <paramref name="context"/>'s request (its <c>Accept-Language</c>).</summary>
    public static void ForReader(ProblemDetailsContext context) =>
        ForReader(context.ProblemDetails, ReaderLanguage.Of(context.HttpContext.Request.Headers.AcceptLanguage.ToString()));

    // Each field gets a new array: the arrays may be shared with a static Error (WrongCode, WrongCurrentPassword), which
    // must keep its English for the next reader.
    private static void Translate(IDictionary<string, string[]> errors, string language)
    {
        foreach (var field in errors.Keys.ToArray())
        {
            errors[field] = errors[field].Select(m => ValidationMessagesRu.For(m, language)).ToArray();
        }
    }
}
