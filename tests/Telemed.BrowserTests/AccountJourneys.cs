using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>Issue 11, item 15 (account part): the compact phone menu and the outbox's refresh button.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountJourneys(BrowserFixture fixture)
{
    [Theory]
    [InlineData("en-US", "Menu", "My appointments")]
    [InlineData("ru-RU", "Меню", "Мои приёмы")]
    public async Task On_a_phone_the_menu_folds_behind_a_button_and_closes_after_a_link(string locale, string menu, string appointments)
    {
        var page = await fixture.NewPageAsync(locale, width: 375, height: 812);
        await SignInAsync(page, locale, "elena.popova@demo.telemed.dev");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = locale == "en-US" ? "Main" : "Основное меню" });
        var toggle = nav.GetByRole(AriaRole.Button, new() { Name = menu });
        await Expect(toggle).ToBeVisibleAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = appointments })).ToBeHiddenAsync();

        // The header with the folded menu takes a small part of the screen (the issue measured ~43 % before).
        var header = await page.Locator("header.site-header").BoundingBoxAsync();
        header.ShouldNotBeNull();
        ((double)header.Height).ShouldBeLessThan(812 * 0.25);
        await Axe.AssertCleanAsync(page);

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Axe.AssertCleanAsync(page);
        await nav.GetByRole(AriaRole.Link, new() { Name = appointments }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/patient/appointments$"));
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = appointments })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task On_a_wide_screen_the_links_show_without_a_menu_button()
    {
        var page = await fixture.NewPageAsync(width: 1280, height: 800);
        await BrowserSignIn.SignInAsync(page, "elena.popova@demo.telemed.dev");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "My appointments" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Button, new() { Name = "Menu" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_outbox_refresh_is_labelled_as_a_refresh()
    {
        var page = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(page, "admin@demo.telemed.dev", fixture.Host);
        await page.GotoAsync("/admin/outbox");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Refresh" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Try again" })).ToHaveCountAsync(0);
        await Axe.AssertCleanAsync(page);
    }

    [Theory]
    [InlineData("en-US", "Account", "Current password", "New password", "Change password")]
    [InlineData("ru-RU", "Учётная запись", "Текущий пароль", "Новый пароль", "Сменить пароль")]
    public async Task Every_role_reaches_change_password_from_the_header_and_a_wrong_current_password_is_said_so(
        string locale, string account, string current, string @new, string submit)
    {
        var page = await fixture.NewPageAsync(locale, width: 375, height: 812);
        await SignInAsync(page, locale, "ivan.kuznetsov@demo.telemed.dev");
        await page.GetByRole(AriaRole.Link, new() { Name = account, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await page.GetByLabel(current).FillAsync("certainly not the password");
        await page.GetByLabel(@new).FillAsync("a brand new password");
        await page.GetByRole(AriaRole.Button, new() { Name = submit }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).First).ToBeVisibleAsync();
        await Expect(page.GetByLabel(current)).ToHaveAttributeAsync("aria-invalid", "true");
        await Axe.AssertCleanAsync(page);
    }

    /// <summary>A demo patient through the sign-in page in the page's own language.</summary>
    [Fact]
    public async Task A_staff_member_makes_new_recovery_codes_with_the_current_code_and_sees_them_once()
    {
        const string doctor = "irina.novikova@demo.telemed.dev";
        var page = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(page, doctor, fixture.Host);
        await page.GotoAsync("/account");
        var section = page.GetByRole(AriaRole.Region, new() { Name = "Two-factor authentication" });
        await Expect(section.GetByText("Staff accounts must keep two-factor authentication on; it cannot be switched off.")).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(page);

        await section.GetByLabel("Current code from your authenticator app").FillAsync(await Totp.NextCodeAsync(fixture.Host.ConnectionString, Demo.KeyFor(doctor)));
        await section.GetByRole(AriaRole.Button, new() { Name = "Make new recovery codes" }).ClickAsync();
        await Expect(section.GetByTestId("new-recovery-codes").GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await Expect(section.GetByTestId("recovery-codes-left")).ToHaveTextAsync("10 unused recovery codes left.");
        await Expect(section.GetByRole(AriaRole.Link, new() { Name = "Download as a file" })).ToHaveAttributeAsync("download", "telemed-recovery-codes.txt");
        await Axe.AssertCleanAsync(page);
        await section.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(section.GetByTestId("new-recovery-codes")).ToHaveCountAsync(0);

        var ru = await fixture.NewPageAsync("ru-RU", width: 375, height: 812);
        await SignInAsync(ru, "ru-RU", "svetlana.pavlova@demo.telemed.dev");
        await ru.GotoAsync("/account");
        await Expect(ru.GetByRole(AriaRole.Region, new() { Name = "Двухфакторная аутентификация" }).GetByRole(AriaRole.Link, new() { Name = "Включить двухфакторную аутентификацию" })).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(ru);
    }

    private static async Task SignInAsync(IPage page, string locale, string email)
    {
        var ru = locale.StartsWith("ru", StringComparison.Ordinal);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel(ru ? "Электронная почта" : "E-mail").FillAsync(email);
        await page.GetByLabel(ru ? "Пароль" : "Password").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = ru ? "Войти" : "Sign in", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/patient"));
    }
}
