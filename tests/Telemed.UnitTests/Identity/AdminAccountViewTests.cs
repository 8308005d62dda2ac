using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Administration;

namespace Telemed.UnitTests.Identity;

public sealed class AdminAccountViewTests
{
    private static UserAccount Account(params string[] roles)
    {
        var user = new UserAccount { Email = "someone@example.test", DisplayName = "Some One" };
        user.Roles.AddRange(roles.Select(r => new UserRole { UserId = user.Id, Role = r }));
        return user;
    }

    [Fact]
    public void Given_a_patient_account_Then_the_admin_sees_neither_name_nor_e_mail()
    {
        var view = AdminAccountView.Of(Account(Roles.Patient), "active", searchedByThisEmail: false);
        view.DisplayName.ShouldBeNull();
        view.Email.ShouldBeNull();
        view.Roles.ShouldBe([Roles.Patient]);
    }

    [Fact]
    public void Given_a_patient_found_by_their_exact_e_mail_Then_only_that_e_mail_is_echoed()
    {
        var view = AdminAccountView.Of(Account(Roles.Patient), "active", searchedByThisEmail: true);
        view.Email.ShouldBe("someone@example.test");
        view.DisplayName.ShouldBeNull();
    }

    [Fact]
    public void Given_a_staff_account_Then_the_admin_sees_name_and_e_mail()
    {
        var view = AdminAccountView.Of(Account(Roles.Doctor), "active", searchedByThisEmail: false);
        view.DisplayName.ShouldBe("Some One");
        view.Email.ShouldBe("someone@example.test");
    }
}
