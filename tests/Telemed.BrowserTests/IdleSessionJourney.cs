using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>Its own host: this journey moves the server's clock.</summary>
public sealed class IdleSessionJourney : IAsyncLifetime
{
    private readonly BrowserFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task A_session_left_idle_is_ended_by_the_server_and_the_app_says_so()
    {
        var page = await _fixture.NewPageAsync();
        await page.Clock.InstallAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("E-mail").FillAsync("elena.popova@demo.telemed.dev");
        await page.GetByLabel("Password").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/patient"));

        // Two minutes before the end the app warns.
        await page.Clock.FastForwardAsync("13:05");
        await Expect(page.GetByRole(AriaRole.Alertdialog)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Are you still there?" })).ToBeVisibleAsync();

        // The server decides: sixteen idle minutes later the session is gone, whatever the browser thinks.
        _fixture.Host.Clock.Advance(TimeSpan.FromMinutes(16));
        await page.Clock.FastForwardAsync("02:30");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in"));
        await Expect(page.GetByTestId("session-ended")).ToBeVisibleAsync();

        var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/v1/me/patient-profile')).status").WaitAsync(TimeSpan.FromSeconds(15));
        status.ShouldBe(401);
    }
}
