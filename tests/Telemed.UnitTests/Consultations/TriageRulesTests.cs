using Telemed.Modules.Consultations.Complaints;
using Telemed.Modules.Consultations.Triage;

namespace Telemed.UnitTests.Consultations;

public sealed class TriageRulesTests
{
    private static ComplaintForm Form(string[] regions, int severity = 5, ComplaintDuration duration = ComplaintDuration.Days, params string[] symptoms) =>
        new(regions, severity, duration, symptoms, null, null);

    [Fact]
    public void Given_chest_pain_with_breathlessness_Then_emergency_with_the_rule_and_its_source()
    {
        var result = TriageRules.Assess(Form(["chest"], 6, ComplaintDuration.Hours, Symptom.ShortnessOfBreath));

        result.Level.ShouldBe(TriageLevel.Emergency);
        result.IsEmergency.ShouldBeTrue();
        result.FiredRules.ShouldContain(r => r.Code == "chest-pain-with-breathlessness" && r.Source.Contains("NICE CG95"));
        result.Advice.ShouldContain("emergency services");
    }

    [Theory]
    [InlineData(Symptom.FaceDrooping)]
    [InlineData(Symptom.ArmWeakness)]
    [InlineData(Symptom.SpeechDifficulty)]
    public void Given_any_stroke_sign_Then_emergency(string sign) =>
        TriageRules.Assess(Form(["head"], 2, ComplaintDuration.Hours, sign)).FiredRules.ShouldContain(r => r.Code == "stroke-signs" && r.Level == TriageLevel.Emergency);

    [Fact]
    public void Given_severe_bleeding_Then_emergency() =>
        TriageRules.Assess(Form(["left-hand"], 4, ComplaintDuration.UnderAnHour, Symptom.HeavyBleeding)).Level.ShouldBe(TriageLevel.Emergency);

    [Fact]
    public void Given_a_sudden_severe_headache_of_weeks_Then_not_a_thunderclap_emergency() =>
        TriageRules.Assess(Form(["head"], 6, ComplaintDuration.Weeks, Symptom.SuddenSevereHeadache)).Level.ShouldNotBe(TriageLevel.Emergency);

    [Fact]
    public void Given_chest_pain_alone_Then_urgent_not_emergency()
    {
        var result = TriageRules.Assess(Form(["chest"], 4, ComplaintDuration.Days));
        result.Level.ShouldBe(TriageLevel.Urgent);
        result.FiredRules.Select(r => r.Code).ShouldContain("chest-pain");
    }

    [Fact]
    public void Given_severe_knee_pain_Then_urgent() =>
        TriageRules.Assess(Form(["left-knee"], 9, ComplaintDuration.Days)).Level.ShouldBe(TriageLevel.Urgent);

    [Fact]
    public void Given_a_mild_rash_of_months_Then_routine() =>
        TriageRules.Assess(Form(["left-hand"], 2, ComplaintDuration.Months, Symptom.Rash)).Level.ShouldBe(TriageLevel.Routine);

    [Fact]
    public void Given_nothing_notable_Then_standard_and_the_result_still_says_why()
    {
        var result = TriageRules.Assess(Form(["right-foot"], 3, ComplaintDuration.Days));
        result.Level.ShouldBe(TriageLevel.Standard);
        result.FiredRules.Single().Code.ShouldBe("no-red-flags");
    }

    [Fact]
    public void Given_the_catalogue_Then_every_rule_names_a_clinical_source_and_codes_are_unique()
    {
        TriageRules.Catalogue.ShouldAllBe(r => r.Source.Length > 10 && r.Title.Length > 0);
        TriageRules.Catalogue.Select(r => r.Code).ShouldBeUnique();
    }

    [Fact]
    public void Given_a_form_Then_the_summary_reads_where_how_bad_how_long_and_what_else()
    {
        var summary = ComplaintSummary.Of(new ComplaintForm(["chest", "left-arm"], 8, ComplaintDuration.UnderAnHour, [Symptom.ShortnessOfBreath], "x", [Guid.NewGuid()]));
        summary.ShouldBe("Chest, Left arm · 8/10 · under an hour · shortness of breath · 1 photo");
    }
}

public sealed class PainNegationTests
{
    private static ComplaintForm Chest(string description, params string[] symptoms) =>
        new(["chest"], 5, ComplaintDuration.Days, symptoms, description, null);

    [Theory]
    [InlineData("no pain, just a fluttering feeling")]
    [InlineData("Fluttering without chest pain")]
    [InlineData("It doesn't hurt at all")]
    [InlineData("painless pressure")]
    [InlineData("Сердцебиение, без боли")]
    [InlineData("Не болит, просто колет иногда")]
    [InlineData("Боли нет, только сердцебиение")]
    public void Given_the_patient_denies_pain_When_the_chest_is_marked_Then_chest_pain_does_not_fire(string description)
    {
        PainStatements.DeniesPain(description).ShouldBeTrue();
        TriageRules.Assess(Chest(description, Symptom.Palpitations)).FiredRules.ShouldNotContain(r => r.Code == "chest-pain");
    }

    [Theory]
    [InlineData("Pressing chest pain since lunch")]
    [InlineData("no fever but chest pain since lunch")]
    [InlineData("no pain in the arm, chest pain at rest")]
    [InlineData("Давящая боль в груди")]
    [InlineData("")]
    public void Given_pain_is_mentioned_or_nothing_is_said_Then_chest_pain_fires(string description)
    {
        PainStatements.DeniesPain(description).ShouldBeFalse();
        TriageRules.Assess(Chest(description)).FiredRules.ShouldContain(r => r.Code == "chest-pain");
    }

    [Fact]
    public void Given_denied_pain_with_breathlessness_Then_breathlessness_still_fires_but_not_as_chest_pain()
    {
        var result = TriageRules.Assess(Chest("no pain, only short of breath", Symptom.ShortnessOfBreath));
        result.FiredRules.ShouldContain(r => r.Code == "breathlessness");
        result.FiredRules.ShouldNotContain(r => r.Code == "chest-pain-with-breathlessness");
    }

    [Fact]
    public void Given_pain_relief_words_Then_they_are_not_a_denial() =>
        PainStatements.DeniesPain("no painkillers help").ShouldBeFalse();
}
