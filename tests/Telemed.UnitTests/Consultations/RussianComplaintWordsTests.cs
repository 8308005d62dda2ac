using System.Text.RegularExpressions;
using Telemed.Modules.Consultations.Complaints;
using Telemed.Modules.Consultations.Triage;

namespace Telemed.UnitTests.Consultations;

/// <summary>
/// What the server words about a complaint for a Russian reader. Until this change the one-line summary a doctor's
/// queue, the protocol's pre-filled complaints and the record timeline showed was English for everyone ("Chest · 8/10 · under an
/// hour"), and so were the triage advice and rule titles and the body map's labels. The Russian words are the web app's own:
/// two tests keep the tables equal to <c>consultations.ru.ts</c>.
/// </summary>
public sealed partial class RussianComplaintWordsTests
{
    [Fact]
    public void Given_a_Russian_reader_Then_the_summary_names_regions_duration_and_symptoms_in_Russian()
    {
        var form = new ComplaintForm(["chest", "left-arm"], 8, ComplaintDuration.UnderAnHour, [Symptom.ShortnessOfBreath, Symptom.Fever], "x", [Guid.NewGuid()]);

        ComplaintSummary.Of(form, "ru").ShouldBe("Грудная клетка, Левая рука · 8/10 · меньше часа · одышка, повышенная температура · 1 фото");
        ComplaintSummary.Of(form, "ru-RU,ru;q=0.9").ShouldStartWith("Грудная клетка");
        ComplaintSummary.Of(form, "en").ShouldBe("Chest, Left arm · 8/10 · under an hour · shortness of breath, fever · 1 photo");
        ComplaintSummary.Of(form).ShouldBe(ComplaintSummary.Of(form, "en"));
    }

    [Theory]
    [InlineData(2, "2 фото")]
    [InlineData(5, "5 фото")]
    public void Given_several_photos_Then_the_Russian_count_keeps_the_indeclinable_word(int photos, string expected)
    {
        var form = new ComplaintForm(["head"], 3, ComplaintDuration.Weeks, null, null, [.. Enumerable.Range(0, photos).Select(_ => Guid.NewGuid())]);

        ComplaintSummary.Of(form, "ru").ShouldBe($"Голова · 3/10 · несколько недель · {expected}");
    }

    [Fact]
    public void Every_region_symptom_and_duration_has_Russian_words()
    {
        BodyMap.Regions.Select(r => r.Code).ShouldBe(ComplaintWordsRu.Regions.Keys, ignoreOrder: true);
        BodyMap.Symptoms.Select(s => s.Code).ShouldBe(ComplaintWordsRu.Symptoms.Keys, ignoreOrder: true);
        ComplaintWordsRu.Durations.Count.ShouldBe(Enum.GetValues<ComplaintDuration>().Length);
    }

    [Fact]
    public void The_servers_Russian_complaint_words_are_the_web_apps()
    {
        var web = File.ReadAllText(RepositoryFiles.Path("web", "src", "shared", "i18n", "consultations.ru.ts"));

        Section(web, "regions").ShouldBe(ComplaintWordsRu.Regions.ToDictionary(), ignoreOrder: true);
        Section(web, "symptoms").ShouldBe(ComplaintWordsRu.Symptoms.ToDictionary(), ignoreOrder: true);
        Section(web, "durations").ShouldBe(ComplaintWordsRu.Durations.ToDictionary(), ignoreOrder: true);
    }

    [Fact]
    public void The_servers_Russian_triage_words_are_the_web_apps_and_cover_every_rule_and_level()
    {
        var web = File.ReadAllText(RepositoryFiles.Path("web", "src", "shared", "i18n", "consultations.ru.ts"));

        Section(web, "rules").ShouldBe(TriageWording.RussianRuleTitles.ToDictionary(), ignoreOrder: true);
        Section(web, "advice").ShouldBe(TriageWording.RussianAdvice.ToDictionary(a => a.Key.ToString().ToLowerInvariant(), a => a.Value), ignoreOrder: true);
        TriageRules.Catalogue.Select(r => r.Code).ShouldBe(TriageWording.RussianRuleTitles.Keys, ignoreOrder: true);
    }

    [Fact]
    public void Given_a_Russian_reader_Then_triage_advice_and_titles_are_Russian_and_codes_and_sources_stay()
    {
        var english = TriageRules.Assess(new ComplaintForm(["chest"], 6, ComplaintDuration.Hours, [Symptom.ShortnessOfBreath], null, null));

        var russian = TriageWording.In(english, "ru");

        russian.Level.ShouldBe(english.Level);
        russian.Advice.ShouldStartWith("Немедленно вызовите скорую помощь");
        russian.FiredRules.Select(r => r.Code).ShouldBe(english.FiredRules.Select(r => r.Code));
        russian.FiredRules.Select(r => r.Source).ShouldBe(english.FiredRules.Select(r => r.Source));
        russian.FiredRules.ShouldContain(r => r.Code == "chest-pain-with-breathlessness" && r.Title == "Боль в груди с одышкой");
        TriageWording.In(english, "en").ShouldBe(english);
        // Wording twice changes nothing (a view already worded may be worded again on its way out).
        var twice = TriageWording.In(russian, "ru");
        twice.Advice.ShouldBe(russian.Advice);
        twice.FiredRules.ShouldBe(russian.FiredRules);
    }

    // One section of the i18n file: `name: {` up to its closing `},`, each `key: "text",` (keys bare or quoted; a text may
    // start on the next line).
    private static Dictionary<string, string> Section(string file, string name)
    {
        var start = Regex.Match(file, $@"^  {name}: \{{\s*$", RegexOptions.Multiline);
        start.Success.ShouldBeTrue(name);
        var end = file.IndexOf("\n  },", start.Index, StringComparison.Ordinal);
        var body = file[(start.Index + start.Length)..end];
        return Entry().Matches(body).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["text"].Value);
    }

    [GeneratedRegex("""^\s*"?(?<key>[A-Za-z\-]+)"?:\s*"(?<text>[^"]+)",""", RegexOptions.Multiline)]
    private static partial Regex Entry();
}
