using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 11, patients: dependents. A parent adds a child on their profile, books a paediatrician for the child from the
/// doctor's profile (no adult-with-paediatrician warning: the child's age counts) and sees the visit listed for the
/// child. Uses Roman Fedorov and Ekaterina Morozova, whom no other journey books.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DependentsJourney(BrowserFixture browser)
{
    private const string Roman = "roman.fedorov@demo.telemed.dev";

    [Fact]
    public async Task A_parent_adds_a_child_books_a_paediatrician_for_the_child_and_sees_it_listed()
    {
        var child = "Alisa" + new string(Guid.NewGuid().ToString("N")[..5].Select(c => (char)('a' + c % 26)).ToArray());
        var page = await browser.NewPageAsync("en-US", 375, 812);
        await BrowserSignIn.SignInAsync(page, Roman);
        await page.GotoAsync("/patient/profile");
        var panel = page.GetByTestId("dependents");
        await panel.GetByLabel("Child's given name").FillAsync(child);
        await panel.GetByLabel("Child's family name").FillAsync("Fedorova");
        await panel.GetByLabel("Child's date of birth").FillAsync(DateTime.UtcNow.AddYears(-5).ToString("yyyy-MM-dd"));
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add child" }).ClickAsync();
        await Expect(panel.GetByTestId("dependents-list")).ToContainTextAsync($"{child} Fedorova");
        await Axe.AssertCleanAsync(page);

        await page.GotoAsync("/patient/doctors?specialty=pediatrics");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ekaterina Morozova" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ekaterina Morozova", Level = 1 })).ToBeVisibleAsync();
        // The times as text first: when none come, the failure shows what the section said instead (loading, none, an error).
        var video = page.GetByTestId("next-times-video");
        await Expect(video).ToContainTextAsync(new Regex(@"\d{1,2}:\d{2}"), new() { Timeout = 30_000 });
        await video.GetByRole(AriaRole.Button).First.ClickAsync();
        var confirm = page.GetByTestId("booking-confirmation");
        await Expect(confirm).ToBeVisibleAsync();
        await confirm.GetByLabel("Who is the visit for?").SelectOptionAsync(new SelectOptionValue { Label = $"{child} Fedorova" });
        await Expect(page.GetByTestId("adult-paediatrician")).ToHaveCountAsync(0);
        await Axe.AssertCleanAsync(page);
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/patient/appointments/[0-9a-f-]{36}$"));

        await page.GotoAsync("/patient/appointments");
        var card = page.GetByTestId("upcoming-appointments").Locator("article", new() { HasText = "Ekaterina Morozova" });
        await Expect(card.GetByTestId("appointment-for").Filter(new() { HasText = child })).ToHaveCountAsync(1);
        await Axe.AssertCleanAsync(page);

        var ru = await browser.NewPageAsync("en-US", 375, 812);
        await BrowserSignIn.SignInAsync(ru, Roman);
        await ru.GetByRole(AriaRole.Button, new() { Name = "Русский" }).ClickAsync();
        await ru.GotoAsync("/patient/profile");
        await Expect(ru.GetByRole(AriaRole.Heading, new() { Name = "Мои дети" })).ToBeVisibleAsync();
        await Expect(ru.GetByTestId("dependents-list")).ToContainTextAsync(child);
        await Axe.AssertCleanAsync(ru);
    }
}
