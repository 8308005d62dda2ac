using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Formulary;
using Telemed.Modules.Clinical.Prescriptions;

namespace Telemed.UnitTests.Clinical;

/// <summary>
/// The medicine as a printed prescription names it. Form 107-1/у used to print the formulary's English words ("Amoxicillin
/// 500 mg capsules (amoxicillin) 500 mg, capsule", "D.t.d. N 21 capsules") on a Russian form; a Russian reader now gets the
/// Russian INN, dosage form and units, and the count of what is handed out in the right plural form.
/// </summary>
public sealed class MedicineWordingTests
{
    private static readonly PrescribedMedicine Amoxicillin = new("amoxicillin-500-caps", "Amoxicillin 500 mg capsules", "amoxicillin", "амоксициллин",
        "J01CA04", "capsule", "500 mg", "mg", "capsules", "penicillins");

    [Fact]
    public void Given_a_Russian_reader_Then_the_medicine_is_named_by_its_Russian_INN_with_Russian_form_and_units()
    {
        MedicineWording.Prescribed(Amoxicillin, "ru").ShouldBe("Амоксициллин 500 мг, капсулы");
        MedicineWording.Prescribed(Amoxicillin with { Form = "oral suspension", Strength = "250 mg/5 ml" }, "ru-RU")
            .ShouldBe("Амоксициллин 250 мг/5 мл, суспензия для приёма внутрь");
        MedicineWording.Prescribed(Amoxicillin with { ActiveIngredientRu = "сальбутамол", Form = "inhaler", Strength = "100 microgram/dose" }, "ru")
            .ShouldBe("Сальбутамол 100 мкг/доза, аэрозоль для ингаляций дозированный");
        MedicineWording.Strength("2.5 mg", "ru").ShouldBe("2,5 мг");
    }

    [Fact]
    public void Given_an_English_reader_Then_the_formularys_own_words_are_printed_as_before()
    {
        MedicineWording.Prescribed(Amoxicillin, "en").ShouldBe("Amoxicillin 500 mg capsules (amoxicillin) 500 mg, capsule");
        MedicineWording.Quantity(21, "capsules", "en").ShouldBe("21 capsules");
        MedicineWording.Strength("2.5 mg", "en").ShouldBe("2.5 mg");
    }

    [Theory]
    [InlineData(1, "capsules", "1 капсула")]
    [InlineData(2, "capsules", "2 капсулы")]
    [InlineData(5, "capsules", "5 капсул")]
    [InlineData(11, "capsules", "11 капсул")]
    [InlineData(21, "capsules", "21 капсула")]
    [InlineData(22, "tablets", "22 таблетки")]
    [InlineData(14, "tablets", "14 таблеток")]
    [InlineData(1, "inhalers", "1 ингалятор")]
    [InlineData(3, "inhalers", "3 ингалятора")]
    [InlineData(100, "ml", "100 мл")]
    public void Given_a_Russian_reader_Then_the_quantity_takes_the_plural_form_of_its_count(int quantity, string unit, string expected) =>
        MedicineWording.Quantity(quantity, unit, "ru").ShouldBe(expected);

    [Fact]
    public void Given_words_the_Russian_tables_do_not_know_Then_they_are_printed_as_the_formulary_writes_them_never_dropped()
    {
        var unknown = Amoxicillin with { ActiveIngredientRu = "", Form = "intrauterine system", Strength = "52 mg" };
        MedicineWording.Prescribed(unknown, "ru").ShouldBe("Amoxicillin 52 мг, intrauterine system");
        MedicineWording.Quantity(2, "kits", "ru").ShouldBe("2 kits");
    }

    [Fact]
    public void Every_form_and_unit_of_the_bundled_formulary_has_Russian_words()
    {
        foreach (var medicine in BundledFormulary.Read())
        {
            medicine.ActiveIngredientRu.ShouldNotBeNullOrWhiteSpace(medicine.Code);
            RussianDosageForms.Find(medicine.Form).ShouldNotBeNull(medicine.Code);
            DispenseUnitWords.Count(2, medicine.DispenseUnit, "ru").ShouldNotMatch("[A-Za-z]", medicine.Code);
            DispenseUnitWords.Label(medicine.DispenseUnit, "ru").ShouldNotMatch("[A-Za-z]", medicine.Code);
            MedicineWording.Strength(medicine.Strength, "ru").ShouldNotMatch("[A-Za-z]", medicine.Code);
            DosageWording.Unit(medicine.DoseUnit, "ru").ShouldNotMatch("[A-Za-z]", medicine.Code);
            DosageWording.Route(medicine.Route, "ru").ShouldNotMatch("[A-Za-z]", medicine.Code);
        }
    }

    [Fact]
    public void Given_a_list_Then_a_Russian_reader_gets_the_medicine_as_the_prescription_names_it_and_an_English_one_the_product_name()
    {
        MedicineWording.Name(Amoxicillin, "ru").ShouldBe("Амоксициллин 500 мг, капсулы");
        MedicineWording.Name(Amoxicillin, "en").ShouldBe("Amoxicillin 500 mg capsules");
    }

    [Theory]
    [InlineData("capsules", "капсулы")]
    [InlineData("tablets", "таблетки")]
    [InlineData("inhalers", "ингаляторы")]
    [InlineData("ml", "мл")]
    public void Given_a_Russian_reader_Then_a_unit_as_a_label_is_in_the_nominative_plural(string unit, string expected)
    {
        DispenseUnitWords.Label(unit, "ru").ShouldBe(expected);
        DispenseUnitWords.Label(unit, "en").ShouldBe(unit);
    }

    [Theory]
    [InlineData(0, "0 капсул")]
    [InlineData(101, "101 капсула")]
    [InlineData(111, "111 капсул")]
    [InlineData(104, "104 капсулы")]
    [InlineData(112, "112 капсул")]
    public void Given_a_Russian_reader_Then_counts_past_a_hundred_and_zero_take_their_plural_forms(int quantity, string expected) =>
        DispenseUnitWords.Count(quantity, "capsules", "ru").ShouldBe(expected);
}
