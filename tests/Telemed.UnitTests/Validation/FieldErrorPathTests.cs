using FluentValidation;
using Telemed.BuildingBlocks.Http;

namespace Telemed.UnitTests.Validation;

/// <summary>
/// A nested member's error was keyed <c>insurance.PolicyNumber</c> (only the first letter lowered), so a form looking for the
/// member as the client wrote it (<c>insurance.policyNumber</c>) showed nothing beside the field. Every segment is camel-cased now.
/// </summary>
public sealed class FieldErrorPathTests
{
    public sealed record Insurance(string? Provider, string? PolicyNumber);

    public sealed record Entry(int Year);

    public sealed record Profile(Insurance Insurance, IReadOnlyList<Entry> Education);

    [Theory]
    [InlineData("", "body")]
    [InlineData("GivenName", "givenName")]
    [InlineData("Insurance.PolicyNumber", "insurance.policyNumber")]
    [InlineData("Education[0].Year", "education[0].year")]
    [InlineData("hourlyRate.currency", "hourlyRate.currency")]
    public void Given_a_property_path_Then_its_key_is_the_JSON_path_the_client_wrote(string propertyName, string key) =>
        ValidationFilter<Profile>.JsonPathOf(propertyName).ShouldBe(key);

    [Fact]
    public void Given_rules_on_nested_members_When_they_fail_Then_the_field_errors_are_keyed_by_camel_cased_paths()
    {
        var validator = new InlineValidator<Profile>();
        validator.RuleFor(p => p.Insurance.PolicyNumber).NotNull();
        validator.RuleForEach(p => p.Education).ChildRules(e => e.RuleFor(x => x.Year).GreaterThan(1950));

        var errors = ValidationFilter<Profile>.FieldErrors(validator.Validate(new Profile(new Insurance("Acme", null), [new Entry(1900)])));

        errors.Keys.Order(StringComparer.Ordinal).ShouldBe(["education[0].year", "insurance.policyNumber"]);
    }
}
