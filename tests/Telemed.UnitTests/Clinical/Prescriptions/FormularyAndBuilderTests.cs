using Telemed.Modules.Clinical.Formulary;
using Telemed.Modules.Clinical.Prescriptions;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.UnitTests.Clinical.Prescriptions;

/// <summary>The bundled formulary and its file format, the step-by-step builder, ages and verification codes.</summary>
public sealed class FormularyAndBuilderTests
{
    [Fact]
    public void The_bundled_formulary_reads_cleanly_and_every_medicine_names_its_source()
    {
        var medicines = BundledFormulary.Read();
        medicines.Count.ShouldBeGreaterThanOrEqualTo(40);
        medicines.ShouldAllBe(m => m.Source.Length > 0 && m.MaxDailyDose != null);
        medicines.Select(m => m.ActiveIngredient).ShouldContain("warfarin");
        medicines.Single(m => m.Code == "amoxicillin-500-caps").AllergyClass.ShouldBe("penicillins");
    }

    [Fact]
    public void A_formulary_file_reports_bad_lines_by_number()
    {
        var file = "# header\n"
            + "x-1\tibuprofen\tибупрофен\tM01AE01\tIbuprofen 200 mg\ttablet\t200 mg\tmg\ttablets\toral\t200\t1200\t\tnsaids\tBNF\n"
            + "broken line\n"
            + "x-2\tibuprofen\t\t\tIbuprofen\ttablet\t200 mg\tmg\ttablets\toral\t900\t100\t\t\t\n";
        var (medicines, rejected) = FormularyFiles.Parse(new StringReader(file), "test");
        medicines.Single().Code.ShouldBe("x-1");
        rejected.ShouldBe([3, 4]);
    }

    [Fact]
    public void A_formulary_field_over_its_cap_is_named_by_line_and_column_and_its_medicine_is_not_kept()
    {
        var limits = new Telemed.Modules.Clinical.Infrastructure.ImportFieldLimits();
        var file = "x-1\tibuprofen\tибупрофен\tM01AE01\tIbuprofen 200 mg\ttablet\t200 mg\tmg\ttablets\toral\t200\t1200\t\tnsaids\tBNF\n"
            + "x-2\tibuprofen\t" + new string('и', 201) + "\tM01AE01\t" + new string('n', 100_000) + "\ttablet\t200 mg\tmg\ttablets\toral\t\t\t\t" + new string('c', 33)
            + "\t" + new string('s', 401) + "\n";
        var (medicines, rejected) = FormularyFiles.Parse(new StringReader(file), "test", limits);
        medicines.Single().Code.ShouldBe("x-1");
        rejected.ShouldBeEmpty();
        limits.Refusal.ShouldNotBeNull().FieldErrors!.Keys.Order()
            .ShouldBe(["lines[2].allergy_class", "lines[2].inn_ru", "lines[2].name", "lines[2].source"]);
    }

    private static readonly PatientForPrescribing Patient = new(Guid.NewGuid(), "Ivan", "Kuznetsov", new DateOnly(1968, 3, 14), ["Penicillin"]);
    private static readonly DoctorSummary ActiveDoctor = new(Guid.NewGuid(), Guid.NewGuid(), "Dr", [], [], new Money(0, "RUB"), [], Active: true);

    [Fact]
    public void The_builder_refuses_a_prescriber_whose_licence_ended_before_today_and_accepts_one_on_its_last_day()
    {
        var amoxicillin = BundledFormulary.Read().Single(m => m.Code == "amoxicillin-500-caps");
        var lastDay = new DateOnly(2026, 12, 31);
        var doctor = ActiveDoctor with { LicenceExpiresOn = lastDay };
        new PrescriptionBuilder().ForPatient(Patient).By(doctor, lastDay.AddDays(1)).Medicine(amoxicillin).Build().Error!.Code.ShouldBe("clinical.licence_expired");
        new PrescriptionBuilder().ForPatient(Patient).By(doctor, lastDay).Medicine(amoxicillin).Error.ShouldBeNull();
        new PrescriptionBuilder().ForPatient(Patient).By(doctor with { Active = false }, lastDay).Error!.Code.ShouldBe("clinical.prescriber_not_active");
    }

    [Fact]
    public void The_builder_stops_at_the_first_broken_step_and_names_it()
    {
        var amoxicillin = BundledFormulary.Read().Single(m => m.Code == "amoxicillin-500-caps");
        new PrescriptionBuilder().ForPatient(Patient).By(ActiveDoctor with { Active = false }).Medicine(amoxicillin).Build().Error!.Code
            .ShouldBe("clinical.prescriber_not_active");
        new PrescriptionBuilder().ForPatient(Patient).By(ActiveDoctor).Medicine(null).Build().Error!.Code.ShouldBe("clinical.unknown_medicine");
        new PrescriptionBuilder().ForPatient(Patient).By(ActiveDoctor).Medicine(amoxicillin).Dose(500).Route("intravenous").Build().Error!.Code
            .ShouldBe("clinical.route_not_for_medicine");
        var badFrequency = new PrescriptionBuilder().ForPatient(Patient).By(ActiveDoctor).Medicine(amoxicillin).Dose(500).Route("oral").Frequency(0).Build().Error!;
        badFrequency.Code.ShouldBe("clinical.bad_dosage");
        badFrequency.FieldErrors!.Keys.ShouldBe(["timesPerDay"]);

        var built = new PrescriptionBuilder().ForPatient(Patient).By(ActiveDoctor).Medicine(amoxicillin).Dose(500).Route("Oral").Frequency(3).Duration(7)
            .Quantity(21).Refills(0).Instructions(" After food. ").Build().Value;
        built.DosageInstruction.DailyDose.ShouldBe(1500);
        built.DosageText().ShouldBe("500 mg 3 times a day for 7 days, oral. After food.");
    }

    [Theory]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("0.0005")]
    [InlineData("12.5001")]
    public void A_dose_finer_than_the_printed_three_decimals_is_refused_so_it_never_prints_as_0(string dose)
    {
        // 1e-28 mg was accepted, signed, and printed "0 mg".
        var amoxicillin = BundledFormulary.Read().Single(m => m.Code == "amoxicillin-500-caps");
        var refused = new PrescriptionBuilder().ForPatient(Patient).By(ActiveDoctor).Medicine(amoxicillin)
            .Dose(decimal.Parse(dose, System.Globalization.CultureInfo.InvariantCulture)).Build().Error!;
        refused.Code.ShouldBe("clinical.bad_dosage");
        refused.FieldErrors!.Keys.ShouldBe(["dose"]);
    }

    [Fact]
    public void A_dose_with_up_to_three_decimals_prints_as_given()
    {
        var amoxicillin = BundledFormulary.Read().Single(m => m.Code == "amoxicillin-500-caps");
        var built = new PrescriptionBuilder().ForPatient(Patient).By(ActiveDoctor).Medicine(amoxicillin).Dose(0.125m).Route("oral").Frequency(1).Duration(7)
            .Quantity(21).Refills(0).Instructions(null).Build().Value;
        built.DosageText().ShouldStartWith("0.125 mg");
        new PrescriptionBuilder().ForPatient(Patient).By(ActiveDoctor).Medicine(amoxicillin).Dose(500.000m).Route("oral").Frequency(1).Duration(7)
            .Quantity(21).Refills(0).Instructions(null).Build().IsSuccess.ShouldBeTrue();
    }

    [Theory]
    [InlineData("2015-06-10", "2026-06-09", 10)]
    [InlineData("2015-06-10", "2026-06-10", 11)]
    public void Age_counts_whole_years(string born, string on, int age) =>
        PrescriptionSubjects.AgeOn(DateOnly.Parse(born), DateOnly.Parse(on)).ShouldBe(age);

    [Fact]
    public void Verification_codes_are_20_base32_characters_and_differ()
    {
        var a = VerificationCodes.New();
        a.Length.ShouldBe(20);
        a.ShouldAllBe(c => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".Contains(c));
        VerificationCodes.New().ShouldNotBe(a);
        VerificationCodes.Normalise(" " + a.ToLowerInvariant()).ShouldBe(a);
    }
}
