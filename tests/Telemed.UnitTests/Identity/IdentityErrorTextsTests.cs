using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Registration;

namespace Telemed.UnitTests.Identity;

/// <summary>
/// ASP.NET Identity words its refusals in English only; the field error a form shows is Russian for a Russian reader (by
/// Identity's error code, with the policy's number from Identity's own text) and Identity's English for everyone else.
/// </summary>
public sealed class IdentityErrorTextsTests
{
    [Fact]
    public async Task Given_a_password_shorter_than_the_policy_Then_a_Russian_reader_reads_the_rule_in_Russian_with_its_length()
    {
        // The module's policy: at least 10 characters, nothing else required.
        var options = new IdentityOptions { Password = { RequiredLength = 10, RequireDigit = false, RequireLowercase = false, RequireUppercase = false, RequireNonAlphanumeric = false } };
        var users = new UserManager<UserAccount>(new NoStore(), Options.Create(options), null!, [], [], null!, new IdentityErrorDescriber(), null!, Microsoft.Extensions.Logging.Abstractions.NullLogger<UserManager<UserAccount>>.Instance);
        var result = await new PasswordValidator<UserAccount>().ValidateAsync(users, new UserAccount(), "short");

        IdentityErrors.ToValidation(result, "ru").FieldErrors!["password"].ShouldBe(["Пароль должен быть не короче 10 символов."]);
        IdentityErrors.ToValidation(result, "en").FieldErrors!["password"].ShouldBe([new IdentityErrorDescriber().PasswordTooShort(10).Description]);
    }

    [Fact]
    public void Given_address_errors_Then_they_are_under_the_e_mail_field_in_the_readers_language()
    {
        var describer = new IdentityErrorDescriber();
        var result = IdentityResult.Failed(describer.InvalidEmail("a@"), describer.DuplicateEmail("a@b.test"));

        IdentityErrors.ToValidation(result, "ru").FieldErrors!["email"].ShouldBe(["Введите корректный адрес электронной почты.", "Этот адрес электронной почты уже зарегистрирован."]);
        IdentityErrors.ToValidation(result, "en").FieldErrors!["email"].ShouldBe([describer.InvalidEmail("a@").Description, describer.DuplicateEmail("a@b.test").Description]);
    }

    [Fact]
    public void Given_a_code_without_Russian_Then_Identitys_description_stays()
    {
        var error = new IdentityError { Code = "SomethingNew", Description = "Something new went wrong." };
        IdentityErrorTexts.For(error, "ru").ShouldBe("Something new went wrong.");
    }

    private sealed class NoStore : IUserStore<UserAccount>
    {
        public void Dispose() { }
        public Task<string> GetUserIdAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.Id.ToString());
        public Task<string?> GetUserNameAsync(UserAccount user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
        public Task SetUserNameAsync(UserAccount user, string? userName, CancellationToken ct) => Task.CompletedTask;
        public Task<string?> GetNormalizedUserNameAsync(UserAccount user, CancellationToken ct) => Task.FromResult<string?>(null);
        public Task SetNormalizedUserNameAsync(UserAccount user, string? normalizedName, CancellationToken ct) => Task.CompletedTask;
        public Task<IdentityResult> CreateAsync(UserAccount user, CancellationToken ct) => Task.FromResult(IdentityResult.Success);
        public Task<IdentityResult> UpdateAsync(UserAccount user, CancellationToken ct) => Task.FromResult(IdentityResult.Success);
        public Task<IdentityResult> DeleteAsync(UserAccount user, CancellationToken ct) => Task.FromResult(IdentityResult.Success);
        public Task<UserAccount?> FindByIdAsync(string userId, CancellationToken ct) => Task.FromResult<UserAccount?>(null);
        public Task<UserAccount?> FindByNameAsync(string normalizedUserName, CancellationToken ct) => Task.FromResult<UserAccount?>(null);
    }
}
