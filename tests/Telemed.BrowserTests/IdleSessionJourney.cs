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

    [Fact]
    public async Task Background_refreshes_on_my_appointments_neither_hide_the_warning_nor_keep_the_server_session_alive()
    {
        var page = await _fixture.NewPageAsync();
        await page.Clock.InstallAsync();
        await BrowserSignIn.SignInAsync(page, "ivan.kuznetsov@demo.telemed.dev");
        await page.GotoAsync("/patient/appointments");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My appointments", Level = 1 })).ToBeVisibleAsync();

        // Thirteen and a half minutes with nobody at the keyboard: the page refreshes itself every thirty seconds,
        // and the server's clock moves with the browser's.
        var refreshes = 0;
        page.Request += (_, r) =>
        {
            if (r.Url.Contains("/api/v1/") && !r.Url.Contains("/auth/"))
            {
                Interlocked.Increment(ref refreshes);
            }
        };
        for (var i = 0; i < 27; i++)
        {
            var before = Volatile.Read(ref refreshes);
            _fixture.Host.Clock.Advance(TimeSpan.FromSeconds(30));
            await page.Clock.FastForwardAsync("00:30");
            // Let the refresh go out (the page's own timer, now due) before the clocks move on.
            await page.WaitForFunctionAsync("() => true");
            for (var wait = 0; wait < 50 && Volatile.Read(ref refreshes) == before; wait++)
            {
                await Task.Delay(100);
            }
        }

        Volatile.Read(ref refreshes).ShouldBeGreaterThanOrEqualTo(10, "the page refreshes itself in the background");

        // Only a person's actions count: the app warns although it kept fetching.
        await Expect(page.GetByRole(AriaRole.Alertdialog)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Are you still there?" })).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(page);

        // And the server did not count the refreshes either: 15 min 30 s after the last person's action it has ended the session.
        _fixture.Host.Clock.Advance(TimeSpan.FromMinutes(2));
        var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/v1/me/patient-profile', { headers: { 'X-Telemed-Background': '1' } })).status").WaitAsync(TimeSpan.FromSeconds(15));
        status.ShouldBe(401);
        await page.Clock.FastForwardAsync("02:30");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in"));
        await Expect(page.GetByTestId("session-ended")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_person_who_scrolls_and_types_keeps_the_session_without_the_warning()
    {
        var page = await _fixture.NewPageAsync();
        await page.Clock.InstallAsync();
        await BrowserSignIn.SignInAsync(page, "elena.popova@demo.telemed.dev");
        await page.GotoAsync("/patient/appointments");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My appointments", Level = 1 })).ToBeVisibleAsync();

        // Twelve minutes idle, then the person scrolls: the app tells the server (a touch), which slides its expiry.
        _fixture.Host.Clock.Advance(TimeSpan.FromMinutes(12));
        await page.Clock.FastForwardAsync("12:00");
        // Wait for the server's answer, not only the request: moving the server's clock while the touch is in flight
        // would let the server see 24 idle minutes and end the session (seen in CI under load).
        var touch = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/v1/auth/touch"), new() { Timeout = 15_000 });
        await page.Mouse.WheelAsync(0, 200);
        (await touch).Ok.ShouldBeTrue("the server accepted the touch");

        // Twelve more minutes later (24 after sign-in) there is still no warning and the server still knows the session.
        _fixture.Host.Clock.Advance(TimeSpan.FromMinutes(12));
        await page.Clock.FastForwardAsync("12:00");
        await Expect(page.GetByRole(AriaRole.Alertdialog)).ToHaveCountAsync(0);
        var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/v1/me/patient-profile', { headers: { 'X-Telemed-Background': '1' } })).status").WaitAsync(TimeSpan.FromSeconds(15));
        status.ShouldBe(200);
    }
}
