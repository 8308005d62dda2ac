using Telemed.Modules.Directory.Patients.Dependents;

namespace Telemed.UnitTests.Directory;

public sealed class DependentRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Theory]
    [InlineData("2026-11-30", true)] // born today
    [InlineData("2020-05-01", true)]
    [InlineData("2008-12-01", true)] // 18 tomorrow: still a child today
    [InlineData("2008-11-30", false)] // 18 today: an adult registers themselves
    [InlineData("1990-01-01", false)]
    [InlineData("2026-12-01", false)] // not born yet
    public void A_dependent_is_a_child_already_born_and_under_18(string dateOfBirth, bool minor) =>
        DependentRules.IsAMinorOn(DateOnly.Parse(dateOfBirth), Today).ShouldBe(minor);
}
