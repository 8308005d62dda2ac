using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Consultations.Triage;

/// <summary>
/// A triage result in the reader's language (<see cref="LanguagePreference"/>): each fired rule's title by its code and the
/// advice by the level, in Russian as the web app words them (<c>consultations.rules</c>, <c>consultations.advice</c> in
/// <c>web/src/shared/i18n/consultations.ru.ts</c>; a unit test keeps the two equal). Codes, levels and each rule's source stay
/// as they are: a source is a citation, titled as its publisher titles it. A rule without a Russian title keeps its English one.
/// </summary>
public static class TriageWording
{
    private static readonly IReadOnlyDictionary<string, string> RuleTitlesRu = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["chest-pain-with-breathlessness"] = "Боль в груди с одышкой",
        ["chest-pain-radiating-with-autonomic-signs"] = "Боль в груди, отдающая в руку, шею, челюсть или спину, с потливостью или тошнотой",
        ["stroke-signs"] = "Признаки инсульта: асимметрия лица, слабость в руке или нарушение речи (FAST)",
        ["severe-bleeding"] = "Сильное кровотечение, которое не останавливается",
        ["thunderclap-headache"] = "Внезапная сильная головная боль, начавшаяся в течение последних часов",
        ["fever-with-confusion"] = "Температура с впервые возникшей спутанностью сознания (возможен сепсис)",
        ["fainting-with-chest-pain-or-palpitations"] = "Обморок с болью в груди или сердцебиением",
        ["severe-pain"] = "Сильная боль (8–10 из 10)",
        ["chest-pain"] = "Боль в груди",
        ["breathlessness"] = "Одышка",
        ["new-confusion-or-fainting"] = "Спутанность сознания или обморок",
        ["fever-with-vomiting"] = "Температура с рвотой",
        ["recent-moderate-problem"] = "Недавно возникшая проблема средней выраженности",
        ["long-standing-mild-problem"] = "Давняя проблема слабой выраженности",
        ["no-red-flags"] = "Нет тревожных или срочных признаков",
    };

    private static readonly IReadOnlyDictionary<TriageLevel, string> AdviceRu = new Dictionary<TriageLevel, string>
    {
        [TriageLevel.Emergency] = "Немедленно вызовите скорую помощь (112; 103 в России; 911 в Северной Америке) или обратитесь в ближайшее приёмное отделение. Не ждите онлайн-консультации.",
        [TriageLevel.Urgent] = "Врач примет вас раньше обычных запросов. Если во время ожидания станет хуже, вызовите скорую помощь.",
        [TriageLevel.Standard] = "Врач примет вас в порядке очереди.",
        [TriageLevel.Routine] = "Ваш запрос плановый; врач примет вас в порядке очереди.",
    };

    /// <summary>Russian rule titles by rule code (for the unit test that keeps them equal to the web app's).</summary>
    internal static IReadOnlyDictionary<string, string> RussianRuleTitles => RuleTitlesRu;

    /// <summary>Russian advice by level (for the unit test that keeps it equal to the web app's).</summary>
    internal static IReadOnlyDictionary<TriageLevel, string> RussianAdvice => AdviceRu;

    /// <summary><paramref name="result"/> worded for a reader of <paramref name="language"/>; English returns it unchanged.</summary>
    public static TriageResult In(TriageResult result, string language) =>
        LanguagePreference.IsRussian(language)
            ? result with
            {
                Advice = AdviceRu.GetValueOrDefault(result.Level, result.Advice),
                FiredRules = [.. result.FiredRules.Select(r => In(r, language))],
            }
            : result;

    /// <summary><paramref name="rule"/> with its title in <paramref name="language"/>; code, level and source unchanged.</summary>
    public static FiredRule In(FiredRule rule, string language) =>
        LanguagePreference.IsRussian(language) && RuleTitlesRu.TryGetValue(rule.Code, out var title) ? rule with { Title = title } : rule;
}
