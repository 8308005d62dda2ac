using Telemed.Modules.Identity.Administration;

namespace Telemed.UnitTests.Identity;

public sealed class PasswordHelpTests
{
    [Fact]
    public void Given_an_account_with_a_password_Then_the_admin_sends_a_reset_link() =>
        PasswordHelp.For(hasPassword: true, wasInvited: true).ShouldBe(PasswordHelpKind.ResetLink);

    [Fact]
    public void Given_a_walk_in_patient_who_never_set_a_password_Then_the_admin_sends_a_fresh_set_password_link() =>
        PasswordHelp.For(hasPassword: false, wasInvited: false).ShouldBe(PasswordHelpKind.SetPasswordLink);

    [Fact]
    public void Given_an_invited_staff_member_who_has_not_accepted_Then_the_invitation_is_resent_instead() =>
        PasswordHelp.For(hasPassword: false, wasInvited: true).ShouldBe(PasswordHelpKind.ResendInvitation);
}
