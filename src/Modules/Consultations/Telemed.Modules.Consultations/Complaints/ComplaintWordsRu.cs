namespace Telemed.Modules.Consultations.Complaints;

/// <summary>
/// The body map's regions, the symptoms and the durations in Russian, as the web app names them on the complaint form
/// (<c>consultations.regions</c>, <c>.symptoms</c>, <c>.durations</c> in <c>web/src/shared/i18n/consultations.ru.ts</c>; a unit
/// test keeps the two equal). The server needs them for what it words itself: the complaint's one-line summary.
/// </summary>
internal static class ComplaintWordsRu
{
    /// <summary>Region code → Russian name ("head" → "Голова").</summary>
    public static IReadOnlyDictionary<string, string> Regions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["head"] = "Голова", ["face"] = "Лицо", ["neck"] = "Шея", ["chest"] = "Грудная клетка",
        ["upper-abdomen"] = "Верхняя часть живота", ["lower-abdomen"] = "Нижняя часть живота", ["pelvis"] = "Таз и пах",
        ["left-shoulder"] = "Левое плечо", ["right-shoulder"] = "Правое плечо", ["left-arm"] = "Левая рука", ["right-arm"] = "Правая рука",
        ["left-hand"] = "Левая кисть", ["right-hand"] = "Правая кисть", ["left-thigh"] = "Левое бедро", ["right-thigh"] = "Правое бедро",
        ["left-knee"] = "Левое колено", ["right-knee"] = "Правое колено", ["left-lower-leg"] = "Левая голень", ["right-lower-leg"] = "Правая голень",
        ["left-foot"] = "Левая стопа", ["right-foot"] = "Правая стопа", ["back-of-head"] = "Затылок", ["upper-back"] = "Верхняя часть спины",
        ["lower-back"] = "Поясница", ["buttocks"] = "Ягодицы", ["left-back-thigh"] = "Задняя поверхность левого бедра",
        ["right-back-thigh"] = "Задняя поверхность правого бедра", ["left-calf"] = "Левая икра", ["right-calf"] = "Правая икра",
    };

    /// <summary>Symptom code → Russian name ("fever" → "Повышенная температура").</summary>
    public static IReadOnlyDictionary<string, string> Symptoms { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Symptom.ShortnessOfBreath] = "Одышка", [Symptom.FaceDrooping] = "Асимметрия лица, опущен угол рта", [Symptom.ArmWeakness] = "Слабость в руке",
        [Symptom.SpeechDifficulty] = "Нарушение речи", [Symptom.HeavyBleeding] = "Сильное кровотечение", [Symptom.Fainting] = "Обморок",
        [Symptom.Confusion] = "Спутанность сознания", [Symptom.SuddenSevereHeadache] = "Внезапная сильная головная боль",
        [Symptom.Fever] = "Повышенная температура", [Symptom.Cough] = "Кашель", [Symptom.Nausea] = "Тошнота", [Symptom.Vomiting] = "Рвота",
        [Symptom.Dizziness] = "Головокружение", [Symptom.Rash] = "Сыпь", [Symptom.Palpitations] = "Сердцебиение", [Symptom.Sweating] = "Потливость",
        [Symptom.SoreThroat] = "Боль в горле", [Symptom.Diarrhoea] = "Диарея", [Symptom.VisionChanges] = "Изменения зрения", [Symptom.Numbness] = "Онемение",
    };

    /// <summary>Duration → Russian words, keyed by the camelCase name the API and the web app use ("days" → "Несколько дней").</summary>
    public static IReadOnlyDictionary<string, string> Durations { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["underAnHour"] = "Меньше часа", ["hours"] = "Несколько часов", ["days"] = "Несколько дней", ["weeks"] = "Несколько недель",
        ["months"] = "Несколько месяцев",
    };
}
