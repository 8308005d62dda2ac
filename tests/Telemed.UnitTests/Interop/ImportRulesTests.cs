using Hl7.Fhir.Model;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Patients.Import;
using Telemed.Modules.Interop.Import.Entries;
using Telemed.Modules.Interop.Import.Matching;
using Telemed.Modules.Interop.Ledger;
using Telemed.Modules.Labs.Contracts;

namespace Telemed.UnitTests.Interop;

/// <summary>The import's rules: who an incoming patient is, how the ledger knows a source resource, and how entries read on the profile.</summary>
public sealed class ImportRulesTests
{
    /// <summary>The import's clock in these tests: the specimen times below are before it, or after it by more than a day.</summary>
    private static readonly DateTime Now = new(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);

    private static readonly DateOnly Born = new(1975, 4, 12);
    private static readonly IncomingPatient Alina = new("Alina", "Importova", Born, "female");

    private static PatientIdentity Candidate(string given = "Alina", string family = "Importova", string sex = "female", Guid? id = null) =>
        new(id ?? Guid.NewGuid(), given, family, Born, sex);

    [Fact]
    public void An_identifier_known_from_an_earlier_import_decides_before_the_name()
    {
        var known = Guid.NewGuid();
        PatientMatching.Decide([known], Alina, [Candidate(), Candidate()]).ShouldBe(new PatientMatch.One(known, true));
    }

    [Fact]
    public void Identifiers_that_name_two_patients_are_ambiguous()
    {
        PatientMatching.Decide([Guid.NewGuid(), Guid.NewGuid()], Alina, []).ShouldBeOfType<PatientMatch.Several>().ByIdentifier.ShouldBeTrue();
    }

    [Fact]
    public void Without_an_identifier_names_and_birth_date_must_all_be_equal_ignoring_case_and_whitespace()
    {
        var id = Guid.NewGuid();
        PatientMatching.Decide([], Alina, [Candidate(" alina ", "IMPORTOVA", id: id)]).ShouldBe(new PatientMatch.One(id, false));
        PatientMatching.Decide([], Alina, [Candidate("Alena")]).ShouldBeOfType<PatientMatch.Nobody>();
        PatientMatching.NamesAreEqual("Anna  Maria", " anna maria").ShouldBeTrue();
        PatientMatching.NamesAreEqual("Anna-Maria", "Anna Maria").ShouldBeFalse();
    }

    [Fact]
    public void The_sex_must_agree_unless_either_side_does_not_know_it()
    {
        PatientMatching.Decide([], Alina, [Candidate(sex: "male")]).ShouldBeOfType<PatientMatch.Nobody>();
        PatientMatching.Decide([], Alina, [Candidate(sex: "unknown")]).ShouldBeOfType<PatientMatch.One>();
        PatientMatching.Decide([], Alina with { Sex = "unknown" }, [Candidate(sex: "male")]).ShouldBeOfType<PatientMatch.One>();
    }

    [Fact]
    public void Two_equal_candidates_are_never_guessed_between()
    {
        PatientMatching.Decide([], Alina, [Candidate(), Candidate()]).ShouldBe(new PatientMatch.Several(2, false));
    }

    [Fact]
    public void A_resource_with_an_id_is_known_by_its_id_and_one_without_by_its_content()
    {
        var withId = new Condition { Id = "c1", Code = new CodeableConcept { Text = "Asthma" } };
        var hash = LedgerKeys.ContentHashOf(withId);
        LedgerKeys.SourceKeyOf(withId, hash).ShouldBe("id:c1");

        var withoutId = new Condition { Code = new CodeableConcept { Text = "Asthma" } };
        LedgerKeys.SourceKeyOf(withoutId, LedgerKeys.ContentHashOf(withoutId)).ShouldBe($"hash:{LedgerKeys.ContentHashOf(withoutId)}");
    }

    [Fact]
    public void The_content_hash_changes_with_the_content_but_not_with_the_source_version_stamp()
    {
        var a = new Condition { Id = "c1", Code = new CodeableConcept { Text = "Asthma" } };
        var stamped = new Condition { Id = "c1", Code = new CodeableConcept { Text = "Asthma" }, Meta = new Meta { VersionId = "7" } };
        var changed = new Condition { Id = "c1", Code = new CodeableConcept { Text = "Severe asthma" } };
        LedgerKeys.ContentHashOf(a).ShouldBe(LedgerKeys.ContentHashOf(stamped));
        LedgerKeys.ContentHashOf(a).ShouldNotBe(LedgerKeys.ContentHashOf(changed));
        LedgerKeys.ContentHashOf(a).Length.ShouldBe(64);
    }

    [Fact]
    public void An_external_lab_id_is_an_opaque_fingerprint_of_source_and_key()
    {
        var id = LedgerKeys.ExternalIdOf("https://ehr.example", "Observation", "id:o1");
        id.ShouldStartWith("import:");
        id.Length.ShouldBeLessThanOrEqualTo(200);
        id.ShouldNotContain("o1");
        LedgerKeys.ExternalIdOf("https://other.example", "Observation", "id:o1").ShouldNotBe(id);
    }

    [Fact]
    public void A_coded_entry_reads_as_its_text_and_code_with_the_systems_short_name()
    {
        EntryTexts.Of(new CodeableConcept("http://hl7.org/fhir/sid/icd-10", "I10", "Essential hypertension")).ShouldBe("Essential hypertension (ICD-10 I10)");
        EntryTexts.Of(new CodeableConcept("http://snomed.info/sct", "764146007", "Penicillin", "Penicillin allergy"))
            .ShouldBe("Penicillin allergy (SNOMED CT 764146007)");
        EntryTexts.Of(new CodeableConcept { Text = "Gout" }, "twice daily").ShouldBe("Gout — twice daily");
        EntryTexts.Of(new CodeableConcept()).ShouldBeNull();
        // Never cut (the importer refuses an entry past the profile's 200 characters instead).
        EntryTexts.Of(new CodeableConcept { Text = new string('x', 300) })!.Length.ShouldBe(300);
    }

    [Fact]
    public void An_observation_needs_a_loinc_code_a_value_and_a_time_and_keeps_the_sources_flag()
    {
        var o = new Observation
        {
            Status = ObservationStatus.Final,
            Code = new CodeableConcept("http://loinc.org", "2345-7", "Glucose"),
            Value = new Quantity(7.8m, "mmol/L"),
            Effective = new FhirDateTime("2026-11-18T08:15:00+03:00"),
            Interpretation = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "H")],
            ReferenceRange = [new Observation.ReferenceRangeComponent { Low = new Quantity(3.9m, "mmol/L"), High = new Quantity(5.5m, "mmol/L") }],
        };
        var (read, refusal) = ObservationReading.Read(o, Now);
        refusal.ShouldBeNull();
        read!.ShouldBe(new ExternalObservation("2345-7", "Glucose", 7.8m, null, "mmol/L", 3.9m, 5.5m, LabFlags.High, new DateTime(2026, 11, 18, 5, 15, 0, DateTimeKind.Utc)));

        ObservationReading.Read(new Observation { Status = o.Status, Code = new CodeableConcept { Text = "Mood" }, Value = new FhirString("ok") }, Now).Refusal!.Code
            .ShouldBe("import.observation_not_loinc");
        ObservationReading.Read(new Observation { Status = o.Status, Code = o.Code, Effective = o.Effective }, Now).Refusal!.Code.ShouldBe("import.observation_no_value");
        ObservationReading.Read(new Observation { Status = o.Status, Code = o.Code, Value = o.Value }, Now).Refusal!.Code.ShouldBe("import.observation_no_time");
        foreach (var when in new[] { "9999-12-31T23:59:59+00:00", "2026-12-03T00:00:01Z", "1899-12-31T23:59:59Z" })
        {
            ObservationReading.Read(new Observation { Status = o.Status, Code = o.Code, Value = o.Value, Effective = new FhirDateTime(when) }, Now).Refusal!.Code
                .ShouldBe("import.observation_time_out_of_range", when);
        }

        ObservationReading.Read(new Observation { Status = o.Status, Code = o.Code, Value = o.Value, Effective = new FhirDateTime("2026-12-02T20:00:00+03:00") }, Now).Refusal
            .ShouldBeNull("a sender's clock a few hours ahead");
    }

    /// <summary>
    /// An imported value is released at once without review, so only one its source calls final, amended or corrected is taken in; a
    /// preliminary one is not a result yet, a cancelled or entered-in-error one was withdrawn, one without a status says neither.
    /// </summary>
    [Theory]
    [InlineData(ObservationStatus.Final, null)]
    [InlineData(ObservationStatus.Amended, null)]
    [InlineData(ObservationStatus.Corrected, null)]
    [InlineData(ObservationStatus.Preliminary, "import.observation_not_final")]
    [InlineData(ObservationStatus.Registered, "import.observation_not_final")]
    [InlineData(ObservationStatus.Unknown, "import.observation_not_final")]
    [InlineData(ObservationStatus.Cancelled, "import.observation_not_final")]
    [InlineData(ObservationStatus.EnteredInError, "import.observation_not_final")]
    [InlineData(null, "import.observation_not_final")]
    public void Given_an_imported_observation_When_its_status_is_not_final_amended_or_corrected_Then_it_is_refused(ObservationStatus? status, string? code)
    {
        var o = new Observation
        {
            Status = status, Code = new CodeableConcept("http://loinc.org", "2823-3", "Potassium"), Value = new Quantity(4.1m, "mmol/L"),
            Effective = new FhirDateTime("2026-11-18T08:15:00Z"),
            Interpretation = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "N")],
        };

        var (read, refusal) = ObservationReading.Read(o, Now);

        refusal?.Code.ShouldBe(code);
        (refusal is null).ShouldBe(code is null);
        (read is null).ShouldBe(code is not null, "a withdrawn or unfinished value is never recorded");
    }

    [Fact]
    public void Given_an_imported_observation_with_only_a_dataAbsentReason_Then_it_has_no_value_to_import()
    {
        var o = new Observation
        {
            Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "2823-3", "Potassium"),
            DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed", "Not Performed"),
            Effective = new FhirDateTime("2026-11-18T08:15:00Z"),
        };

        ObservationReading.Read(o, Now).Refusal!.Code.ShouldBe("import.observation_no_value");
    }

    [Fact]
    public void An_imported_profile_entry_replaces_what_the_same_source_entry_wrote_and_otherwise_is_added_once()
    {
        List<string> entries = ["Asthma", "Peanuts"];
        ProfileEntries.Put(entries, ProfileEntryHash.Of("Peanuts"), "Peanuts and tree nuts").ShouldBe(["Asthma", "Peanuts and tree nuts"]);
        ProfileEntries.Put(entries, null, "Gout").ShouldBe(["Asthma", "Peanuts", "Gout"]);
        ProfileEntries.Put(entries, null, "asthma").ShouldBe(["Asthma", "Peanuts"]);
        ProfileEntries.Put(entries, ProfileEntryHash.Of("gone"), "Gout").ShouldBe(["Asthma", "Peanuts", "Gout"]);
    }
}
