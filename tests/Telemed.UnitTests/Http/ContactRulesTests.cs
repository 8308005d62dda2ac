using Telemed.BuildingBlocks.Http;

namespace Telemed.UnitTests.Http;

public sealed class ContactRulesTests
{
    [Theory]
    [InlineData("+7 900 222 33 44")]
    [InlineData("+44 7700 900101")]
    [InlineData("(495) 123-45-67")]
    [InlineData("12345")]
    public void Given_a_number_a_phone_can_dial_When_checked_Then_it_is_a_phone_number(string phone) => ContactRules.IsPhoneNumber(phone).ShouldBeTrue();

    [Theory]
    [InlineData("(((((((((((((((")]
    [InlineData("((((((()")]
    [InlineData("- - - -")]
    [InlineData("1234")]
    [InlineData("+1 2345 6789 0123 4567")]
    [InlineData("+7 900 abc")]
    [InlineData("7+900")]
    public void Given_text_with_too_few_or_too_many_digits_or_other_characters_When_checked_Then_it_is_no_phone_number(string phone) =>
        ContactRules.IsPhoneNumber(phone).ShouldBeFalse();

    [Theory]
    [InlineData("ivan.kuznetsov@demo.telemed.dev")]
    [InlineData("first+tag@example.org")]
    [InlineData("ivan@пример.рф")]
    [InlineData("o'brien@mail.co.uk")]
    [InlineData("user@xn--e1afmkfd.xn--p1ai")]
    public void Given_an_address_mail_can_reach_When_checked_Then_it_is_an_e_mail_address(string email) => ContactRules.IsEmailAddress(email).ShouldBeTrue();

    [Theory]
    [InlineData("a@b")]
    [InlineData("c@d")]
    [InlineData("(((@example.org")]
    [InlineData(".ivan@example.org")]
    [InlineData("ivan..k@example.org")]
    [InlineData("ivan@example.")]
    [InlineData("ivan@-example.org")]
    [InlineData("ivan@example.o")]
    [InlineData("ivan@@example.org")]
    [InlineData("Ivan <ivan@example.org>")]
    [InlineData("ivan@[127.0.0.1]")]
    public void Given_an_address_no_mail_system_delivers_to_When_checked_Then_it_is_refused(string email) => ContactRules.IsEmailAddress(email).ShouldBeFalse();
}
