using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Results;
using Telemed.BuildingBlocks.Text;

namespace Telemed.BuildingBlocks.Http;

/// <summary>
/// Validates the first argument of type <typeparamref name="T"/> with its FluentValidation validator.
/// A missing body answers 400 <c>validation.body_required</c>; failed rules answer 400
/// <c>validation.failed</c> with the field errors.
/// </summary>
/// <remarks>
/// Clients may omit any member or send it as null whatever the DTO declares, so validators must guard
/// members before they dereference them. A validator that still trips over a null member is a bug,
/// but the client's request is bad either way: it is logged (validator type only) and answered as a
/// validation failure rather than a 500.
/// <para>
/// Field messages follow the reader's language (<see cref="ReaderLanguage"/>): for a Russian reader the rules run under the
/// ru-RU UI culture, so FluentValidation's own default messages come in Russian without the field's English name
/// (<see cref="FieldlessRussianLanguageManager"/>), and the validators' English
/// <c>WithMessage</c> texts are looked up in <see cref="ValidationMessagesRu"/>. An English reader gets the messages as written.
/// </para>
/// </remarks>
public sealed class ValidationFilter<T>(ILogger<ValidationFilter<T>> logger) : IEndpointFilter where T : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<T>().FirstOrDefault();
        if (request is null)
        {
            return Problems.From(Error.Validation("validation.body_required", "A request body is required."));
        }

        // Start-up already refused endpoints whose request type has no validator (ValidatorRequirements).
        var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<T>>();
        var language = ReaderLanguage.Of(context.HttpContext.Request.Headers.AcceptLanguage.ToString());
        FluentValidation.Results.ValidationResult result;
        // FluentValidation's LanguageManager words its default messages in CurrentUICulture (no global culture is set), so the
        // rules run under the reader's culture; it is put back afterwards, as the rest of the request does not expect it.
        var uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            if (language == LanguagePreference.Russian) CultureInfo.CurrentUICulture = Russian;
            result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is NullReferenceException or ArgumentNullException)
        {
            logger.LogWarning("Validator {Validator} failed with {ExceptionType} on a request with missing or null members", validator.GetType().FullName, e.GetType().FullName);
            return Problems.From(Error.Validation("validation.failed", "One or more required fields are missing or null."));
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
        }

        if (!result.IsValid)
        {
            return Problems.From(Error.ValidationFailed(FieldErrors(result, language)));
        }

        return await next(context);
    }

    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>Field errors keyed by camel-cased property path (<c>hourlyRate.currency</c>, <c>education[0]</c>), as written (English).</summary>
    public static Dictionary<string, string[]> FieldErrors(FluentValidation.Results.ValidationResult result) =>
        FieldErrors(result, LanguagePreference.English);

    /// <summary>
    /// Field errors keyed by camel-cased property path, each message in <paramref name="language"/> (<c>ru</c> or <c>en</c>)
    /// where <see cref="ValidationMessagesRu"/> has it.
    /// </summary>
    public static Dictionary<string, string[]> FieldErrors(FluentValidation.Results.ValidationResult result, string language) =>
        result.Errors
            .GroupBy(e => JsonPathOf(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => ValidationMessagesRu.For(e.ErrorMessage, language)).Distinct().ToArray());

    /// <summary>
    /// The JSON path a client wrote for a FluentValidation property path: every segment camel-cased, as the body's members are
    /// (<c>Insurance.PolicyNumber</c> → <c>insurance.policyNumber</c>, <c>Education[0].Year</c> → <c>education[0].year</c>), so a
    /// form can put the message beside its field; <c>body</c> for a rule on the whole body.
    /// </summary>
    public static string JsonPathOf(string propertyName) =>
        propertyName.Length == 0
            ? "body"
            : string.Join('.', propertyName.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));
}

public static class ValidationExtensions
{
    /// <summary>
    /// Stops a rule chain at its first failure everywhere, so <c>NotEmpty().Must(s =&gt; s.Trim()...)</c>
    /// never runs the second check on a null. Called once at start-up, before any validator is built.
    /// </summary>
    public static void UseStopOnFirstFailure() => ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;

    /// <summary>
    /// Gives a Russian-speaking reader FluentValidation's default messages without the field's English name
    /// (<see cref="FieldlessRussianLanguageManager"/>); other readers keep FluentValidation's own. Called once at start-up; calling it
    /// again changes nothing.
    /// </summary>
    public static void UseRussianDefaultsWithoutFieldNames()
    {
        if (ValidatorOptions.Global.LanguageManager is not FieldlessRussianLanguageManager)
        {
            ValidatorOptions.Global.LanguageManager = new FieldlessRussianLanguageManager(ValidatorOptions.Global.LanguageManager);
        }
    }

    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder) where T : class =>
        builder.AddEndpointFilter<ValidationFilter<T>>().WithMetadata(new ValidatorRequirement(typeof(T))).ProducesValidationProblem();
}
