using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 11 item 14: a newcomer signs in as every demo role using only what the Development sign-in page shows
/// (e-mail, password and, for staff, the current authenticator code). Its own host: the codes it uses are then
/// not spent by other journeys in the same 30-second step.
/// </summary>
public sealed class AccountDemoSignInJourney : IAsyncLifetime
{
    private readonly BrowserFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task A_newcomer_signs_in_as_every_demo_role_from_what_the_sign_in_page_shows()
    {
        var roles = new (string Role, string Portal)[]
        {
            ("Administrator", "/admin"), ("Front desk", "/front-desk"), ("Pharmacist", "/pharmacist"), ("Doctor", "/doctor"), ("Patient", "/patient"),
        };
        foreach (var (role, portal) in roles)
        {
            var page = await _fixture.NewPageAsync(width: 375, height: 812);
            await page.GotoAsync("/sign-in");
            var account = page.GetByTestId("demo-accounts").GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByText(role, new() { Exact = true }) }).First;
            var email = (await account.GetByTestId("demo-email").InnerTextAsync()).Trim();
            var password = (await account.GetByTestId("demo-password").InnerTextAsync()).Trim();
            email.ShouldEndWith("@demo.telemed.dev");

            await page.GetByLabel("E-mail").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(password);
            if (role != "Patient")
            {
                // Staff: the page shows the key and the code an authenticator app would show now.
                (await account.GetByTestId("demo-key").InnerTextAsync()).ShouldMatch("^[A-Z2-7 ]{16,}$");
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
                await Expect(page).ToHaveURLAsync(new Regex("/mfa"));
                var code = (await page.GetByTestId("demo-code").InnerTextAsync()).Replace(" ", "");
                code.ShouldMatch("^[0-9]{6}$");
                await page.GetByLabel("Authentication code").FillAsync(code);
                await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
            }
            else
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            }

            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(portal) + "(/[a-z-]+)?$"));
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("ru-RU")]
    public async Task The_demo_accounts_fit_a_375_px_phone_and_are_axe_clean(string locale)
    {
        var page = await _fixture.NewPageAsync(locale, width: 375, height: 812);
        await page.GotoAsync("/sign-in");
        var list = page.GetByTestId("demo-accounts");
        await Expect(list.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(7);
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("no sideways scrolling");
        foreach (var item in await list.GetByRole(AriaRole.Listitem).AllAsync())
        {
            var box = await item.BoundingBoxAsync();
            box.ShouldNotBeNull();
            (box.X + box.Width).ShouldBeLessThanOrEqualTo(375, "each account fits the screen");
        }

        await Axe.AssertCleanAsync(page);
    }
}
