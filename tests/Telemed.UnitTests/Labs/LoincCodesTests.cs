using Telemed.Modules.Labs.Catalogue;
using Telemed.Modules.Labs.Contracts;

namespace Telemed.UnitTests.Labs;

/// <summary>LOINC's Mod-10 check digit, which a referral's LOINC code is checked against before the catalogue is asked.</summary>
public sealed class LoincCodesTests
{
    [Theory]
    [InlineData("2345-7", true)]
    [InlineData(" 718-7 ", true)]
    [InlineData("58410-2", true)]
    [InlineData("2345-8", false)]
    [InlineData("718-6", false)]
    [InlineData("ZZZZ-9", false)]
    [InlineData("2345", false)]
    [InlineData("23-45-7", false)]
    [InlineData("-7", false)]
    public void Given_a_typed_code_Then_its_check_digit_is_LOINCs_Mod_10(string typed, bool valid) =>
        LoincCodes.HasValidCheckDigit(typed).ShouldBe(valid);

    [Fact]
    public void Given_the_bundled_catalogue_Then_every_code_has_a_valid_check_digit() =>
        BundledLabCatalogue.All.Where(t => !LoincCodes.HasValidCheckDigit(t.LoincCode)).Select(t => t.LoincCode).ShouldBeEmpty();

    [Fact]
    public void Given_the_catalogue_as_other_modules_ask_it_Then_a_catalogued_code_is_found_and_another_is_not()
    {
        var codes = new LabCatalogueCodes();
        codes.CatalogueCodeOf(" 2345-7").ShouldBe("2345-7");
        codes.CatalogueCodeOf("2339-0").ShouldBeNull();
    }
}
