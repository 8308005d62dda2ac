using System.Text.Json;

namespace Telemed.BuildingBlocks.Text;

/// <summary>
/// A request's text broke <see cref="UserText"/>'s rule. It is a <see cref="JsonException"/> so that System.Text.Json adds where in the
/// body it was (<see cref="JsonException.Path"/>) and ASP.NET Core treats it as a body it cannot read; the host answers 400
/// <c>request.invalid_characters</c> (REST) or a HubException with that code (hubs). The message quotes no part of the text.
/// <paramref name="path"/>: the JSON path when the refusal is built after reading (<see cref="UserTextJson.RefusalIn"/>); System.Text.Json
/// sets it for one thrown while reading.
/// </summary>
public sealed class InvalidTextException(string member, TextProblem problem, string? path = null)
    : JsonException("A text member holds a character that is not allowed.", path, null, null)
{
    /// <summary>The member as written in JSON, relative to <see cref="JsonException.Path"/> (e.g. <c>name</c>, <c>tags[2]</c>); empty for a whole value.</summary>
    public string Member { get; } = member;

    public TextProblem Problem { get; } = problem;

    /// <summary>The member's JSON path (<c>$.name</c>, <c>$.diagnoses[0].note</c>) as far as it is known.</summary>
    public string FieldPath => Combine(Path, Member);

    /// <summary>The field's name for a person: the path without its leading <c>$.</c>.</summary>
    public string FieldLabel => FieldPath is "$" ? "(body)" : FieldPath.StartsWith("$.", StringComparison.Ordinal) ? FieldPath[2..] : FieldPath.TrimStart('$');

    public override string Message => UserText.Describe(Problem, FieldLabel, russian: false);

    private static string Combine(string? path, string member)
    {
        var at = string.IsNullOrEmpty(path) ? "$" : path;
        if (member.Length == 0 || at.EndsWith("." + member, StringComparison.Ordinal) || at.EndsWith($"['{member}']", StringComparison.Ordinal))
        {
            return at;
        }

        return member.StartsWith('[') ? at + member : $"{at}.{member}";
    }
}
