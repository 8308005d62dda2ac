using Telemed.Modules.Notifications.Policy;

namespace Telemed.UnitTests.Notifications;

public sealed class CredentialLinksTests
{
    private const string Removed = CredentialLinks.Placeholder;

    [Theory]
    [InlineData("Open this link:\nhttps://portal.clinic.example/reset-password?token=YWJj.ZGVm\n\nIgnore it otherwise.", "Open this link:\n" + Removed + "\n\nIgnore it otherwise.")]
    [InlineData("Verify: http://127.0.0.1:5080/verify-email?token=abc", "Verify: " + Removed)]
    [InlineData("Confirm: https://clinic.example/r/abcdefghijklmnopqrstuvwxABCDEFGHIJKLMNOPQRSTUV Cancel: https://clinic.example/r/zz", "Confirm: " + Removed + " Cancel: " + Removed)]
    [InlineData("Sign in to read it: https://clinic.example/doctor/messages/3f2504e0-4f89-11d3-9a0c-0305e82c3301", "Sign in to read it: " + Removed)]
    [InlineData("Relative: /accept-invitation?token=abc.", "Relative: " + Removed)]
    [InlineData("One tap: /r/abcdefghijklmnopqrstuvwxABCDEFGHIJKLMNOPQRSTUV", "One tap: " + Removed)]
    [InlineData("Feed: webcal://clinic.example/api/v1/scheduling/calendar-feeds/tok.ics", "Feed: " + Removed)]
    public void Every_link_is_removed_whatever_its_shape(string body, string expected) =>
        CredentialLinks.Redact(body).ShouldBe(expected);

    [Theory]
    [InlineData("Your visit is tomorrow at 10:00 (Europe/Moscow).")]
    [InlineData("Приём завтра в 10:00, кабинет 12/3.")]
    [InlineData("")]
    public void Text_without_links_is_kept_as_it_is(string body) =>
        CredentialLinks.Redact(body).ShouldBe(body);

    [Fact]
    public void Null_stays_null() => CredentialLinks.Redact(null).ShouldBeNull();
}
