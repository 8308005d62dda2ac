using Telemed.Modules.Directory.Patients;

namespace Telemed.UnitTests.Directory;

public sealed class PatientSearchTermTests
{
    [Theory]
    [InlineData("+7 916 555 01 01", "79165550101")]
    [InlineData("(916) 555-0101", "9165550101")]
    [InlineData("+44 7700 900101", "447700900101")]
    public void Given_a_term_written_like_a_phone_number_Then_it_is_searched_as_its_digits_and_not_as_a_name(string term, string digits)
    {
        var parsed = PatientSearchTerm.Parse(term);
        parsed.Phone.ShouldBe(digits);
        parsed.FamilyName.ShouldBeNull();
        parsed.Email.ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("---")]
    [InlineData("()")]
    [InlineData("12")]
    [InlineData("123456")]
    [InlineData("1234567890123456")]
    [InlineData("!!!")]
    [InlineData("@")]
    public void Given_a_blank_or_nonsense_term_Then_it_stands_for_nothing_and_never_hashes_a_blank(string? term)
    {
        var parsed = PatientSearchTerm.Parse(term);
        parsed.MatchesNothing.ShouldBeTrue();
    }

    [Fact]
    public void Given_letters_mixed_with_digits_Then_the_term_is_a_name_not_a_phone()
    {
        var parsed = PatientSearchTerm.Parse("zzzz 5550101 zz");
        parsed.Phone.ShouldBeNull();
        parsed.FamilyName.ShouldBe("ZZZZ 5550101 ZZ");
    }

    [Fact]
    public void Given_an_e_mail_address_Then_it_is_searched_as_an_e_mail_only()
    {
        var parsed = PatientSearchTerm.Parse("  Ivan.Kuznetsov@Demo.Telemed.dev ");
        parsed.Email.ShouldBe("IVAN.KUZNETSOV@DEMO.TELEMED.DEV");
        parsed.FamilyName.ShouldBeNull();
        parsed.Phone.ShouldBeNull();
    }

    [Theory]
    [InlineData("x@")]
    [InlineData("@example.test")]
    [InlineData("a@b@c")]
    [InlineData("a b@c")]
    public void Given_something_that_is_not_an_address_Then_it_is_not_searched_as_one(string term) =>
        PatientSearchTerm.Parse(term).Email.ShouldBeNull();

    [Fact]
    public void Given_a_family_name_Then_it_is_searched_upper_cased_and_trimmed() =>
        PatientSearchTerm.Parse(" kuznetsov ").FamilyName.ShouldBe("KUZNETSOV");
}
