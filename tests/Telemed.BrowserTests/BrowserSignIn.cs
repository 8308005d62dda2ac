using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>Signing a demo user in through the sign-in page (and the authenticator step for staff).</summary>
public static class BrowserSignIn
{
    /// <summary>A patient: e-mail and the demo password.</summary>
    public static Task SignInAsync(IPage page, string email) => SignInAsync(page, email, authenticatorKey: null, host: null);

    /// <summary>A demo staff member of <paramref name="host"/>: the password, then a TOTP code not yet used on that host's database.</summary>
    public static Task SignInAsync(IPage page, string email, TelemedHost host) => SignInAsync(page, email, Demo.KeyFor(email), host);

    private static async Task SignInAsync(IPage page, string email, string? authenticatorKey, TelemedHost? host)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        if (authenticatorKey is not null)
        {
            await page.GetByLabel("Authentication code").FillAsync(await Totp.NextCodeAsync(host!.ConnectionString, authenticatorKey));
            await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        }

        await Expect(page).Not.ToHaveURLAsync(new Regex("/sign-in|/mfa"));
    }
}
