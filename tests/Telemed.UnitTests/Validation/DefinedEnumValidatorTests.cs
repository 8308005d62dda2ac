using FluentValidation;
using Telemed.BuildingBlocks.Http;

namespace Telemed.UnitTests.Validation;

/// <summary>
/// <see cref="EnumRules.IsDefinedEnum"/> accepts and refuses exactly what FluentValidation's <c>IsInEnum</c> does, with the same
/// error code and message, for plain and nullable enums; flags enums are left to <c>IsInEnum</c>.
/// </summary>
public sealed class DefinedEnumValidatorTests
{
    public enum Kind { Video = 0, InPerson = 1, Chat = 2 }

    [Flags]
    public enum Channels { None = 0, Email = 1, Sms = 2, Push = 4 }

    public sealed record Request(Kind Kind, Kind? Optional, Channels Channels);

    private sealed class Ours : AbstractValidator<Request>
    {
        public Ours()
        {
            RuleFor(r => r.Kind).IsDefinedEnum();
            RuleFor(r => r.Optional).IsDefinedEnum();
            RuleFor(r => r.Channels).IsDefinedEnum();
        }
    }

    private sealed class Theirs : AbstractValidator<Request>
    {
        public Theirs()
        {
            RuleFor(r => r.Kind).IsInEnum();
            RuleFor(r => r.Optional).IsInEnum();
            RuleFor(r => r.Channels).IsInEnum();
        }
    }

    public static TheoryData<int, int?, int> Cases() => new()
    {
        { 0, null, 0 },
        { 2, 1, 7 },
        { 3, null, 0 },
        { -1, 9, 8 },
        { 1, -5, 3 },
        { 42, 2, 15 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Given_a_value_Then_it_is_refused_with_the_same_code_and_message_as_IsInEnum(int kind, int? optional, int channels)
    {
        var request = new Request((Kind)kind, (Kind?)optional, (Channels)channels);

        var ours = new Ours().Validate(request).Errors.Select(e => (e.PropertyName, e.ErrorCode, e.ErrorMessage)).ToList();
        var theirs = new Theirs().Validate(request).Errors.Select(e => (e.PropertyName, e.ErrorCode, e.ErrorMessage)).ToList();

        ours.ShouldBe(theirs);
    }

    [Fact]
    public void Given_an_undefined_kind_Then_the_error_names_the_field_and_the_value()
    {
        var error = new Ours().Validate(new Request((Kind)9, null, Channels.None)).Errors.ShouldHaveSingleItem();

        error.PropertyName.ShouldBe("Kind");
        error.ErrorCode.ShouldBe("EnumValidator");
        error.ErrorMessage.ShouldBe("'Kind' has a range of values which does not include '9'.");
    }
}
