using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>Public pages scanned by axe at phone width, in both languages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityJourney(BrowserFixture fixture)
{
    [Theory]
    [InlineData("en-US")]
    [InlineData("ru-RU")]
    public async Task The_sign_in_and_registration_pages_are_axe_clean_at_375_px(string locale)
    {
        var page = await fixture.NewPageAsync(locale, width: 375, height: 812);
        foreach (var path in new[] { "/sign-in", "/register" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("main")).ToBeVisibleAsync();
            await Axe.AssertCleanAsync(page);
        }
    }
}
