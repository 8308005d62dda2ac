using Telemed.Modules.Identity.Mfa.Manage;

namespace Telemed.UnitTests.Identity;

public sealed class MfaRulesTests
{
    [Theory]
    [InlineData(new[] { "Patient" }, false)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "Doctor" }, true)]
    [InlineData(new[] { "Patient", "FrontDesk" }, true)]
    [InlineData(new[] { "admin" }, true)]
    public void Only_an_account_that_is_a_patient_alone_may_go_without_mfa(string[] roles, bool mustKeep) =>
        MfaManagementEndpoints.MustKeepMfa(roles).ShouldBe(mustKeep);
}
