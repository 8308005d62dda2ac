using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Formulary;
using Telemed.Modules.Clinical.Jurisdictions;
using Telemed.Modules.Clinical.Prescriptions;
using Telemed.Modules.Clinical.Prescriptions.Checks;

namespace Telemed.UnitTests.Clinical.Prescriptions;

/// <summary>Each prescription check on the bundled formulary and interaction table, with the source it names.</summary>
public sealed class PrescriptionCheckTests
{
    private static readonly IReadOnlyList<FormularyMedicine> Formulary = BundledFormulary.Read();
    private static readonly RemoteVisitFacts SeenInPerson = new(HasPriorInPersonVisit: true);
    private static readonly RemoteVisitFacts FirstRemoteVisit = new(HasPriorInPersonVisit: false);

    private static FormularyMedicine Medicine(string code) => Formulary.Single(m => m.Code == code);

    private static PrescriptionContent Content(string code, decimal dose, int timesPerDay)
    {
        var m = Medicine(code);
        return new PrescriptionContent(
            new PrescribedMedicine(m.Code, m.Name, m.ActiveIngredient, m.ActiveIngredientRu, m.AtcCode, m.Form, m.Strength, m.DoseUnit, m.DispenseUnit, m.AllergyClass),
            new DosageInstruction(dose, m.Route, timesPerDay, 7, ""), new DispenseRequest(21, 0));
    }

    private static PrescriptionCheckContext Context(PrescriptionContent content, int age = 40, string[]? allergies = null, string[]? active = null,
        string[]? previous = null, string jurisdiction = JurisdictionCodes.UnitedStates, RemoteVisitFacts? facts = null, string language = "en") =>
        new(content, age, allergies ?? [], active ?? [], previous ?? active ?? [], JurisdictionPolicies.For(jurisdiction), facts ?? SeenInPerson, language,
            // The other prescriptions' Russian INN, as PrescriptionSubjects takes them from their formulary entries.
            Formulary.Where(m => (active ?? []).Contains(m.ActiveIngredient)).GroupBy(m => m.ActiveIngredient).ToDictionary(g => g.Key, g => g.First().ActiveIngredientRu));

    /// <summary>
    /// A Russian-speaking prescriber reads each finding's specifics in Russian, the ingredient by its Russian INN, beside the
    /// label the web app words: they used to read the label in Russian and the sentence after it in English.
    /// </summary>
    [Fact]
    public void Given_a_Russian_prescriber_Then_every_findings_specifics_are_worded_in_Russian()
    {
        var paracetamol = Medicine("paracetamol-500-tab");
        var codeine = Medicine("codeine-30-tab");
        var amoxicillin = Content("amoxicillin-500-caps", 500, 3);
        string[] russian =
        [
            new DailyDoseAboveUsualRange(paracetamol.MaxDailyDose, paracetamol.Source).Check(Context(Content(paracetamol.Code, 1000, 5), language: "ru")).Single().Message,
            new DailyDoseAboveUsualRange(paracetamol.MaxDailyDose, paracetamol.Source).Check(Context(Content(paracetamol.Code, 2500, 4), language: "ru")).Single().Message,
            new DuplicateTherapy().Check(Context(amoxicillin, active: ["amoxicillin"], language: "ru")).Single().Message,
            new BelowMinimumAge(codeine.MinimumAgeYears, codeine.Source).Check(Context(Content(codeine.Code, 30, 3), age: 9, language: "ru")).Single().Message,
            new AllergyConflict().Check(Context(amoxicillin, allergies: ["Амоксициллин"], language: "ru")).Single().Message,
            new AllergyConflict().Check(Context(amoxicillin, allergies: ["penicillin class"], language: "ru")).Single().Message,
            new KnownInteraction(InteractionTable.All).Check(Context(Content("ibuprofen-400-tab", 400, 3), active: ["warfarin"], language: "ru")).Single().Message,
            new NewTreatmentInRemoteVisit().Check(Context(Content("amlodipine-5-tab", 5, 1), jurisdiction: JurisdictionCodes.Russia, facts: FirstRemoteVisit,
                language: "ru")).Single().Message,
        ];

        russian[0].ShouldBe("Суточная доза 5000 мг выше обычного максимума 4000 мг.");
        russian[1].ShouldBe("Суточная доза 10000 мг более чем вдвое выше обычного максимума 4000 мг.");
        russian[2].ShouldBe("У пациента уже есть действующий рецепт на амоксициллин.");
        russian[3].ShouldBe("Пациенту 9 лет; кодеин в этой форме — с 12 лет.");
        russian[4].ShouldContain("«Амоксициллин»");
        russian[5].ShouldContain("— на пенициллины; амоксициллин относится к ним.");
        russian[6].ShouldBe("ибупрофен и уже назначенный препарат варфарин: риск кровотечения: НПВС в сочетании с кумаринами.");
        russian[7].ShouldContain("Раньше пациенту не выписывали амлодипин.");
        foreach (var message in russian)
        {
            message.ShouldNotContain("patient");
        }
    }

    /// <summary>
    /// An interaction is the finding a prescriber acts on at once, so its effect is in their language too: a Russian-speaking
    /// doctor read "варфарин" as "warfarin" and the effect in English (the sources stay cited as published).
    /// </summary>
    [Fact]
    public void Given_the_bundled_interaction_table_Then_every_effect_has_its_Russian_and_an_English_reader_keeps_the_English()
    {
        InteractionTable.All.Count.ShouldBeGreaterThan(10);
        foreach (var row in InteractionTable.All)
        {
            row.EffectRu.ShouldNotBe(row.Effect);
            row.EffectRu.ShouldMatch(@"^[А-ЯЁ][а-яёА-ЯЁ0-9 ,;:()\-]*(CYP3A4|CYP2C9|QT)?[а-яё ,;:()]*$");
            row.EffectIn("ru-RU").ShouldBe(row.EffectRu);
            row.EffectIn("en").ShouldBe(row.Effect);
        }

        var english = new KnownInteraction(InteractionTable.All).Check(Context(Content("ibuprofen-400-tab", 400, 3), active: ["warfarin"])).Single();
        english.Message.ShouldBe("ibuprofen with warfarin (already prescribed): Bleeding risk: NSAIDs with coumarins.");
        english.Source.ShouldBe("BNF Appendix 1: NSAIDs + coumarins");
    }

    [Fact]
    public void Given_another_prescription_without_a_Russian_INN_Then_a_Russian_reader_reads_it_as_given()
    {
        var content = Content("ibuprofen-400-tab", 400, 3);
        var context = new PrescriptionCheckContext(content, 40, [], ["warfarin"], ["warfarin"], JurisdictionPolicies.For(JurisdictionCodes.Russia), SeenInPerson, "ru");
        new KnownInteraction(InteractionTable.All).Check(context).Single().Message.ShouldStartWith("ибупрофен и уже назначенный препарат warfarin: риск кровотечения");
    }

    [Theory]
    [InlineData("warfarin\tibuprofen\twarning\tBleeding\tBNF")]
    [InlineData("warfarin\tibuprofen\twarning\tBleeding\t\tBNF")]
    [InlineData("warfarin\tibuprofen\tmaybe\tBleeding\tКровотечение\tBNF")]
    public void An_interaction_line_without_its_Russian_effect_or_a_severity_is_refused(string line) =>
        Should.Throw<InvalidOperationException>(() => InteractionTable.Parse(new StringReader(line)));

    [Theory]
    [InlineData(1, "год", "года")]
    [InlineData(3, "года", "лет")]
    [InlineData(9, "лет", "лет")]
    [InlineData(11, "лет", "лет")]
    [InlineData(12, "лет", "лет")]
    [InlineData(21, "год", "года")]
    [InlineData(24, "года", "лет")]
    public void Russian_ages_take_the_form_their_number_asks_for(int n, string age, string fromAge)
    {
        FindingWording.Years(n).ShouldBe(age);
        FindingWording.FromYears(n).ShouldBe(fromAge);
    }

    [Fact]
    public void A_daily_dose_above_the_usual_maximum_is_a_warning_naming_the_formularys_source()
    {
        var m = Medicine("paracetamol-500-tab");
        var check = new DailyDoseAboveUsualRange(m.MaxDailyDose, m.Source);
        check.Check(Context(Content(m.Code, 1000, 4))).ShouldBeEmpty();
        var finding = check.Check(Context(Content(m.Code, 1000, 5))).Single();
        finding.Code.ShouldBe(DailyDoseAboveUsualRange.Code);
        finding.Severity.ShouldBe(FindingSeverity.Warning);
        finding.Message.ShouldContain("5000 mg");
        finding.Source.ShouldContain("WHO Model Formulary 2008");
    }

    [Fact]
    public void A_daily_dose_below_the_usual_minimum_is_a_warning_in_the_readers_language()
    {
        // 0.001 mg of paracetamol once a day was accepted without a word.
        var m = Medicine("paracetamol-500-tab");
        var check = new DailyDoseBelowUsualRange(m.MinDailyDose, m.Source);
        check.Check(Context(Content(m.Code, 500, 1))).ShouldBeEmpty();
        var finding = check.Check(Context(Content(m.Code, 0.001m, 1))).Single();
        finding.Code.ShouldBe(DailyDoseBelowUsualRange.Code);
        finding.Severity.ShouldBe(FindingSeverity.Warning);
        finding.Message.ShouldContain("0.001 mg");
        finding.Message.ShouldContain("500 mg");
        check.Check(Context(Content(m.Code, 0.5m, 1), language: "ru")).Single().Message.ShouldContain("ниже обычного минимума");
        new DailyDoseBelowUsualRange(null, "").Check(Context(Content(m.Code, 0.001m, 1))).ShouldBeEmpty();
    }

    [Fact]
    public void A_daily_dose_above_twice_the_maximum_is_a_hard_stop()
    {
        var m = Medicine("paracetamol-500-tab");
        new DailyDoseAboveUsualRange(m.MaxDailyDose, m.Source).Check(Context(Content(m.Code, 5000, 2))).Single().IsHardStop.ShouldBeTrue();
    }

    [Fact]
    public void A_second_active_prescription_of_the_same_ingredient_is_duplicate_therapy()
    {
        var content = Content("amoxicillin-500-caps", 500, 3);
        var finding = new DuplicateTherapy().Check(Context(content, active: ["Amoxicillin"])).Single();
        finding.Code.ShouldBe(DuplicateTherapy.Code);
        finding.Severity.ShouldBe(FindingSeverity.Warning);
        finding.Source.ShouldContain("WHO Guide to Good Prescribing");
        new DuplicateTherapy().Check(Context(content, active: ["ibuprofen"])).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("amoxicillin-500-caps", "Penicillin")]
    [InlineData("amoxicillin-500-caps", "аллергия на пенициллины (сыпь)")]
    [InlineData("co-trimoxazole-960-tab", "Sulfonamides")]
    [InlineData("ibuprofen-400-tab", "Aspirin")]
    [InlineData("ibuprofen-400-tab", "НПВС — бронхоспазм")]
    [InlineData("paracetamol-500-tab", "парацетамол")]
    public void A_recorded_allergy_to_the_ingredient_or_its_class_is_a_warning_with_its_source(string code, string allergy)
    {
        var finding = new AllergyConflict().Check(Context(Content(code, Medicine(code).MinDailyDose!.Value, 1), allergies: [allergy])).Single();
        finding.Code.ShouldBe(AllergyConflict.Code);
        finding.Severity.ShouldBe(FindingSeverity.Warning);
        finding.Source.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void An_allergy_to_another_class_is_no_conflict_and_the_penicillin_source_is_the_BNF()
    {
        var content = Content("amoxicillin-500-caps", 500, 3);
        new AllergyConflict().Check(Context(content, allergies: ["Sulfonamides", "pollen"])).ShouldBeEmpty();
        new AllergyConflict().Check(Context(content, allergies: ["PENICILLIN"])).Single().Source.ShouldStartWith("BNF");
    }

    [Fact]
    public void Simvastatin_with_clarithromycin_is_a_hard_stop_and_warfarin_with_ibuprofen_a_warning_each_with_its_source()
    {
        var check = new KnownInteraction(InteractionTable.All);
        var contraindicated = check.Check(Context(Content("clarithromycin-500-tab", 500, 2), active: ["simvastatin"])).Single();
        contraindicated.Code.ShouldBe(KnownInteraction.Code);
        contraindicated.IsHardStop.ShouldBeTrue();
        contraindicated.Source.ShouldContain("SmPC Zocor");

        var bleeding = check.Check(Context(Content("ibuprofen-400-tab", 400, 3), active: ["warfarin"])).Single();
        bleeding.Severity.ShouldBe(FindingSeverity.Warning);
        bleeding.Source.ShouldContain("BNF");
        check.Check(Context(Content("paracetamol-500-tab", 500, 3), active: ["warfarin"])).ShouldBeEmpty();
    }

    [Fact]
    public void Codeine_for_a_child_under_12_is_a_hard_stop_citing_the_EMA()
    {
        var m = Medicine("codeine-30-tab");
        var check = new BelowMinimumAge(m.MinimumAgeYears, m.Source);
        var finding = check.Check(Context(Content(m.Code, 30, 3), age: 9)).Single();
        finding.Code.ShouldBe(BelowMinimumAge.Code);
        finding.IsHardStop.ShouldBeTrue();
        finding.Source.ShouldContain("EMA");
        check.Check(Context(Content(m.Code, 30, 3), age: 12)).ShouldBeEmpty();
    }

    [Fact]
    public void A_new_medicine_in_a_first_remote_visit_in_Russia_is_a_hard_stop_and_a_renewal_is_not()
    {
        var content = Content("amlodipine-5-tab", 5, 1);
        var check = new NewTreatmentInRemoteVisit();
        var finding = check.Check(Context(content, jurisdiction: JurisdictionCodes.Russia, facts: FirstRemoteVisit)).Single();
        finding.IsHardStop.ShouldBeTrue();
        finding.Source.ShouldContain("323-FZ");
        check.Check(Context(content, previous: ["amlodipine"], jurisdiction: JurisdictionCodes.Russia, facts: FirstRemoteVisit)).ShouldBeEmpty();
        check.Check(Context(content, jurisdiction: JurisdictionCodes.Russia, facts: SeenInPerson)).ShouldBeEmpty();
        check.Check(Context(content, jurisdiction: JurisdictionCodes.UnitedStates, facts: FirstRemoteVisit)).ShouldBeEmpty();
    }

    [Fact]
    public void Only_hard_stops_and_warnings_without_an_override_stay_open()
    {
        PrescriptionFinding[] findings =
        [
            new("allergy_conflict", FindingSeverity.Warning, "", "BNF"),
            new("interaction", FindingSeverity.HardStop, "", "SmPC"),
            new("duplicate_therapy", FindingSeverity.Warning, "", "WHO"),
        ];
        var open = PrescriptionChecks.Open(findings, [new FindingOverride("allergy_conflict", "Rash only, tolerated before", DateTime.UtcNow),
            new FindingOverride("interaction", "tried", DateTime.UtcNow)]);
        open.Select(f => f.Code).ShouldBe(["interaction", "duplicate_therapy"]);
    }
}
