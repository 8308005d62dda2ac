using Telemed.BuildingBlocks.Results;

namespace Telemed.BuildingBlocks.Text;

/// <summary>The refusal of text that breaks <see cref="UserText"/>'s rule: 400 <c>request.invalid_characters</c> naming the field, in English or Russian.</summary>
public static class UserTextErrors
{
    /// <summary>
    /// The error for one field. <paramref name="fieldPath"/> is its JSON path (<c>$.name</c>) or the parameter's name; the
    /// <c>errors</c> dictionary of the ProblemDetails carries it with the same message as <c>detail</c>.
    /// </summary>
    public static Error For(string fieldPath, TextProblem problem, string? acceptLanguage)
    {
        var label = fieldPath is "$" ? "(body)" : fieldPath.StartsWith("$.", StringComparison.Ordinal) ? fieldPath[2..] : fieldPath;
        var message = UserText.Describe(problem, label, LanguagePreference.IsRussian(acceptLanguage));
        return new Error(UserText.ErrorCode, message, ErrorKind.Validation, new Dictionary<string, string[]> { [fieldPath] = [message] });
    }

    /// <summary>The hub form of the refusal ("request.invalid_characters: …"), in English: hub errors are read by code.</summary>
    public static string HubMessage(string field, TextProblem problem) => $"{UserText.ErrorCode}: {UserText.Describe(problem, field, russian: false)}";
}
