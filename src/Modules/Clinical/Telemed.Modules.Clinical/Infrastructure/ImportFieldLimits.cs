using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Clinical.Infrastructure;

/// <summary>
/// The one length rule of the admin catalogue imports (ICD-10 codes, the formulary): a field longer than its cap refuses the whole
/// file with 400 <c>validation.failed</c>, one entry per offending field keyed <c>lines[12].titleEn</c> (the 1-based line and the
/// column's name) with "Up to 400 characters.", before anything is stored. Cutting a title silently (as the imports did) stores
/// something the file did not say; a 100,000-character title is a mistake or an attack, not a title. At most
/// <see cref="MaxReported"/> fields are named.
/// </summary>
internal sealed class ImportFieldLimits
{
    /// <summary>How many over-long fields one answer names; the rest are found on the next try.</summary>
    public const int MaxReported = 50;

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="value"/> fits <paramref name="max"/> characters; records the field of line <paramref name="line"/> when not.</summary>
    public bool Fits(int line, string field, string value, int max)
    {
        if (value.Length <= max)
        {
            return true;
        }

        if (_errors.Count < MaxReported)
        {
            _errors[$"lines[{line}].{field}"] = [$"Up to {max} characters."];
        }

        return false;
    }

    /// <summary>The refusal naming every over-long field found, or null when all fit.</summary>
    public Error? Refusal => _errors.Count == 0 ? null : Error.ValidationFailed(_errors);
}
