using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 16 items 3 and 5, in real browsers through a real Janus: a three-way call keeps decoding at 300 kbit/s per participant and 5 % loss
/// both ways (the simulcast layers and the frame heights are written to the test output), and after Janus's link is cut and
/// restored every page is in the room and decoding again by itself, with the consultation still in progress.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupCallNetworkJourney(GroupCallJourneyFixture fixture, ITestOutputHelper output) : IClassFixture<GroupCallJourneyFixture>
{
    private const string Patient = "ksenia.orekhova@demo.telemed.dev";
    private const string Doctor = "lena.schneider@demo.telemed.dev";
    private const string Interpreter = "sophie.turner@demo.telemed.dev";

    private const string Quality = "() => window.__telemedSfu ? window.__telemedSfu.qualityByFeed() : {}";
    private const string State = "() => window.__telemedSfu ? window.__telemedSfu.state : 'none'";
    private const string Reconnects = "() => window.__telemedSfu ? window.__telemedSfu.reconnects : -1";

    [Fact]
    public async Task A_three_way_call_keeps_decoding_on_a_weak_link_and_comes_back_by_itself_after_the_link_drops()
    {
        var host = fixture.Host;
        var id = await GroupCallPages.StartVideoConsultationAsync(host, Doctor, Patient);
        using var doctorApi = await host.SignedInAsync(Doctor);
        using var interpreterApi = await host.SignedInAsync(Interpreter);

        // The interpreter is invited, knocks and is admitted through the API (the UI flow is GroupCallJourney's).
        var invited = await doctorApi.PostAsync($"/api/v1/consultations/{id}/guests", new { email = Interpreter, role = "interpreter" });
        await invited.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var guestId = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("guestId").GetGuid();
        await (await interpreterApi.PostAsync($"/api/v1/consultations/{id}/guests/me/knock")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctorApi.PostAsync($"/api/v1/consultations/{id}/guests/{guestId}/admit")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var doctor = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(doctor, Doctor, host);
        var patient = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(patient, Patient);
        var interpreter = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(interpreter, Interpreter);
        await doctor.GotoAsync($"/consultations/{id}/call");
        await patient.GotoAsync($"/consultations/{id}/call");
        await interpreter.GotoAsync($"/consultations/{id}/join");

        var names = new Dictionary<IPage, (string Who, string[] Others)>
        {
            [doctor] = ("doctor", ["Ksenia Orekhova", "Sophie Turner"]),
            [patient] = ("patient", ["Lena Schneider", "Sophie Turner"]),
            [interpreter] = ("interpreter", ["Lena Schneider", "Ksenia Orekhova"]),
        };
        foreach (var (page, (_, others)) in names)
        {
            await Expect(page.GetByTestId("sfu-stage")).ToHaveAttributeAsync("data-state", "joined", new() { Timeout = 30_000 });
            await GroupCallPages.DecodesAsync(page, others);
        }

        // Let the senders ramp up, then note what each page gets.
        await Task.Delay(10_000);
        foreach (var (page, (who, _)) in names)
        {
            output.WriteLine($"before shaping, {who}: {await page.EvaluateAsync<JsonElement>(Quality)}");
        }

        await Expect(patient.GetByTestId("sfu-quality")).ToBeVisibleAsync();
        await Expect(patient.Locator("[data-testid=sfu-tile][data-display='Lena Schneider']")).Not.ToHaveAttributeAsync("data-quality", "unknown");

        // The link drops for 8 s: nobody clicks anything, and the pages are back in the room and decoding.
        await CutAsync(TimeSpan.FromSeconds(8), patient, names);

        // Longer than the ICE grace period (10 s): the pages rejoin the room with a fresh Janus session.
        var reconnectsBefore = await patient.EvaluateAsync<int>(Reconnects);
        await CutAsync(TimeSpan.FromSeconds(20), patient, names);
        var reconnects = await patient.EvaluateAsync<int>(Reconnects);
        output.WriteLine($"patient rejoined {reconnects - reconnectsBefore} time(s) after the 20 s cut; last took {await patient.EvaluateAsync<JsonElement>("() => window.__telemedSfu.lastReconnectMs")} ms");
        reconnects.ShouldBeGreaterThan(reconnectsBefore, "a 20 s cut is longer than the ICE grace period: the patient's page rejoined");
        (await doctorApi.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}")).GetProperty("status").GetString().ShouldBe("inProgress");

        // A weak network for each participant: 300 kbit/s each way and 5 % loss. The three browsers share Janus's one link here,
        // so it gets their three shares (900 kbit/s each way); at 300 kbit/s for all three the six audio streams alone fill it.
        // For 20 s every page keeps the call going as issue 16 says: frames from each of the others over the 20 s, and in every
        // 10 s either new video frames or, where video paused, the stalled tiles saying "audio only" (degrade rather than
        // freeze). A pause of several seconds happens on this shared 2-core machine when it is busy; a frozen tile must not.
        await fixture.Janus.ShapeAsync($"rate {3 * 300}kbit loss 5%", bothWays: true);
        var stalled = new List<string>();
        try
        {
            var start = new Dictionary<IPage, Dictionary<string, long>>();
            foreach (var page in names.Keys)
            {
                start[page] = await GroupCallPages.FramesAsync(page);
            }

            var shapedFrom = start.ToDictionary(p => p.Key, p => p.Value);

            for (var half = 1; half <= 2; half++)
            {
                await Task.Delay(10_000);
                foreach (var (page, (who, others)) in names)
                {
                    var now = await GroupCallPages.FramesAsync(page);
                    var quality = await page.EvaluateAsync<JsonElement>(Quality);
                    output.WriteLine($"shaped {half * 10} s, {who}: frames {string.Join(", ", others.Select(o => $"{o} +{now.GetValueOrDefault(o) - start[page].GetValueOrDefault(o)}"))}; {quality}");
                    if (others.All(o => now.GetValueOrDefault(o) <= start[page].GetValueOrDefault(o)))
                    {
                        // No video from anyone in these 10 s: each tile must say so (audio only), not show a frozen frame.
                        var frozen = others.Where(o => !(quality.TryGetProperty(o, out var feed) && feed.GetProperty("audioOnly").GetBoolean())).ToList();
                        if (frozen.Count > 0)
                        {
                            stalled.Add($"{who} decoded no video in {(half - 1) * 10}–{half * 10} s and showed {string.Join(", ", frozen)} frozen rather than audio only");
                        }
                    }

                    if (half == 2)
                    {
                        stalled.AddRange(others.Where(o => now.GetValueOrDefault(o) <= shapedFrom[page].GetValueOrDefault(o)).Select(o => $"{who} decoded nothing from {o} in 20 s"));
                    }

                    start[page] = now;
                }
            }
        }
        finally
        {
            await fixture.Janus.ClearShapingAsync();
        }

        stalled.ShouldBeEmpty("every page keeps decoding the others at 300 kbit/s per participant and 5 % loss, showing audio only where video pauses");

        foreach (var (page, (_, others)) in names)
        {
            await GroupCallPages.DecodesAsync(page, others);
        }

        // The call went on the whole time.
        var consultation = await doctorApi.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}");
        consultation.GetProperty("status").GetString().ShouldBe("inProgress");
    }

    /// <summary>Takes Janus's link down for <paramref name="length"/>, brings it back and waits (generously) for every page to be joined and decoding.</summary>
    private async Task CutAsync(TimeSpan length, IPage patient, Dictionary<IPage, (string Who, string[] Others)> names)
    {
        var states = new List<string>();
        var clock = Stopwatch.StartNew();
        await fixture.LinkAsync(up: false);
        try
        {
            while (clock.Elapsed < length)
            {
                var state = await patient.EvaluateAsync<string>(State);
                if (states.Count == 0 || !states[^1].EndsWith(state, StringComparison.Ordinal))
                {
                    states.Add($"{clock.Elapsed.TotalSeconds:0.0}s {state}");
                }

                await Task.Delay(250);
            }
        }
        finally
        {
            await fixture.LinkAsync(up: true);
        }

        var back = clock.Elapsed;
        await Expect(patient.GetByTestId("sfu-stage")).ToHaveAttributeAsync("data-state", "joined", new() { Timeout = 90_000 });
        await GroupCallPages.DecodesAsync(patient, ["Lena Schneider"], seconds: 90);
        output.WriteLine($"{length.TotalSeconds:0} s cut: patient states {string.Join(" → ", states)}; joined and decoding the doctor {(clock.Elapsed - back).TotalSeconds:0.0} s after the link came back");
        foreach (var (page, (_, others)) in names)
        {
            await Expect(page.GetByTestId("sfu-stage")).ToHaveAttributeAsync("data-state", "joined", new() { Timeout = 90_000 });
            await GroupCallPages.DecodesAsync(page, others, seconds: 90);
        }
    }
}
