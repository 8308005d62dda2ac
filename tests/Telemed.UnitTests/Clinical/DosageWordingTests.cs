using Telemed.Modules.Clinical.Prescriptions;

namespace Telemed.UnitTests.Clinical;

/// <summary>
/// The dosage sentence (the Signa) follows its reader: a Russian-speaking patient, pharmacist or form 107-1/у used to read
/// "500 mg 3 times a day for 7 days, oral." in English. The English sentence is unchanged.
/// </summary>
public sealed class DosageWordingTests
{
    private static readonly PrescribedMedicine Amoxicillin = new("amoxicillin-500-caps", "Amoxicillin 500 mg capsules", "amoxicillin", "амоксициллин",
        "J01CA04", "capsule", "500 mg", "mg", "capsules", "penicillins");

    [Fact]
    public void Given_an_English_reader_Then_the_sentence_reads_as_before()
    {
        DosageWording.Text(Amoxicillin, new DosageInstruction(500, "oral", 3, 7, "After food."), "en")
            .ShouldBe("500 mg 3 times a day for 7 days, oral. After food.");
        DosageWording.Text(Amoxicillin, new DosageInstruction(0.5m, "oral", 1, 1, ""), "en").ShouldBe("0.5 mg 1 time a day for 1 day, oral.");
    }

    [Fact]
    public void Given_a_Russian_reader_Then_units_routes_and_numbers_are_Russian_and_the_prescribers_words_stay_as_typed()
    {
        DosageWording.Text(Amoxicillin, new DosageInstruction(500, "oral", 3, 7, "После еды."), "ru")
            .ShouldBe("500 мг 3 раза в день в течение 7 дней, внутрь. После еды.");
        DosageWording.Text(Amoxicillin with { DoseUnit = "microgram" }, new DosageInstruction(0.5m, "inhalation", 1, 21, ""), "ru-RU")
            .ShouldBe("0,5 мкг 1 раз в день в течение 21 дня, ингаляционно.");
        // A unit or route the table does not know is written as the formulary has it, never dropped.
        DosageWording.Text(Amoxicillin with { DoseUnit = "spray" }, new DosageInstruction(2, "intrapleural", 2, 5, ""), "ru")
            .ShouldBe("2 spray 2 раза в день в течение 5 дней, intrapleural.");
    }

    [Theory]
    [InlineData(1, "раз", "дня")]
    [InlineData(2, "раза", "дней")]
    [InlineData(4, "раза", "дней")]
    [InlineData(5, "раз", "дней")]
    [InlineData(11, "раз", "дней")]
    [InlineData(12, "раз", "дней")]
    [InlineData(21, "раз", "дня")]
    [InlineData(22, "раза", "дней")]
    [InlineData(111, "раз", "дней")]
    public void Russian_counts_take_the_form_their_number_asks_for(int n, string times, string days)
    {
        DosageWording.Times(n).ShouldBe(times);
        DosageWording.Days(n).ShouldBe(days);
    }
}
