using System.Text.RegularExpressions;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Audit.Verification;

/// <summary>
/// Where the audit chain broke (<see cref="AuditVerificationReport.Problem"/>) in the reader's language
/// (<see cref="LanguagePreference"/>): the verifier writes it in English with the entries' sequence numbers ("Entry 42 was
/// altered after it was written."); the administrator's page shows it, so a Russian reader gets "Запись 42 изменена после
/// записи в журнал." A sentence no pattern matches is shown as written.
/// </summary>
internal static partial class AuditProblemWording
{
    private static readonly (Regex English, string Russian)[] Sentences =
    [
        (AddedOutside(), "Записи после {0} добавлены в обход печати журнала (печать заканчивается на {1})."),
        (NotTheOneRecorded(), "Запись {0} — не та, которую фиксирует печать журнала."),
        (MissingAfter(), "Записи после {0} отсутствуют (печать заканчивается на {1})."),
        (Missing(), "Запись {0} отсутствует."),
        (NotLinked(), "Запись {0} не связана с предыдущей записью."),
        (Altered(), "Запись {0} изменена после записи в журнал."),
    ];

    /// <summary><paramref name="problem"/> for a reader of <paramref name="language"/>; null stays null.</summary>
    public static string? In(string? problem, string language)
    {
        if (problem is null || !LanguagePreference.IsRussian(language))
        {
            return problem;
        }

        foreach (var (english, russian) in Sentences)
        {
            if (english.Match(problem) is { Success: true } m)
            {
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, russian, m.Groups[1].Value, m.Groups[2].Value);
            }
        }

        return problem;
    }

    [GeneratedRegex(@"^Entries after (\d+) were added outside the sealer \(the head records (\d+)\)\.$")]
    private static partial Regex AddedOutside();

    [GeneratedRegex(@"^Entry (\d+) is not the one the head records\.()$")]
    private static partial Regex NotTheOneRecorded();

    [GeneratedRegex(@"^Entries after (\d+) are missing \(the head records (\d+)\)\.$")]
    private static partial Regex MissingAfter();

    [GeneratedRegex(@"^Entry (\d+) is missing\.()$")]
    private static partial Regex Missing();

    [GeneratedRegex(@"^Entry (\d+) does not link to the entry before it\.()$")]
    private static partial Regex NotLinked();

    [GeneratedRegex(@"^Entry (\d+) was altered after it was written\.()$")]
    private static partial Regex Altered();
}
