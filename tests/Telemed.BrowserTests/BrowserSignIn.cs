using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>Signing a demo user in through the sign-in page (and the authenticator step for staff).</summary>
public static class BrowserSignIn
{
    public static async Task SignInAsync(IPage page, string email, string? authenticatorKey = null)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        if (authenticatorKey is not null)
        {
            await page.GetByLabel("Authentication code").FillAsync(Totp.Code(authenticatorKey, DateTimeOffset.UtcNow));
            await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        }

        await Expect(page).Not.ToHaveURLAsync(new Regex("/sign-in|/mfa"));
    }
}
