using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Consultations;
using static Microsoft.Playwright.Assertions;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 16's done-when, in real browsers through a real Janus: patient, doctor and an interpreter in one consultation each
/// decode the other two's video; the doctor's screen share is decoded by the other two, and the patient's once the doctor
/// allows it (and is gone when the doctor withdraws that); a fourth user with no invitation is
/// refused by Janus itself; the doctor removes the interpreter and they are out at once.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupCallJourney(GroupCallJourneyFixture fixture) : IClassFixture<GroupCallJourneyFixture>
{
    private const string Patient = "ksenia.orekhova@demo.telemed.dev";
    private const string Doctor = "lena.schneider@demo.telemed.dev";
    private const string Interpreter = "sophie.turner@demo.telemed.dev";
    private const string Stranger = "oliver.grant@demo.telemed.dev";

    [Fact]
    public async Task Three_people_in_one_consultation_see_each_other_and_the_doctors_screen_through_Janus_and_nobody_else_gets_in()
    {
        var host = fixture.Host;
        var id = await GroupCallPages.StartVideoConsultationAsync(host, Doctor, Patient);
        var doctor = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(doctor, Doctor, host);
        var patient = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(patient, Patient);
        var interpreter = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(interpreter, Interpreter);
        await doctor.GotoAsync($"/consultations/{id}/call");
        await patient.GotoAsync($"/consultations/{id}/call");

        // The doctor invites by e-mail; the interpreter finds the invitation and asks to join; the doctor lets them in.
        await doctor.GetByTestId("invite-guest-email").FillAsync(Interpreter);
        await doctor.GetByTestId("invite-guest-role").SelectOptionAsync("interpreter");
        await doctor.GetByTestId("invite-guest-submit").ClickAsync();
        await Expect(doctor.GetByTestId("guest-row")).ToHaveAttributeAsync("data-status", "invited");
        await interpreter.GotoAsync("/call-invitations");
        await interpreter.GetByTestId("open-call-invitation").ClickAsync();
        await interpreter.GetByTestId("guest-knock").ClickAsync();
        await Expect(interpreter.GetByTestId("guest-waiting")).ToBeVisibleAsync();
        await Expect(doctor.GetByTestId("guest-row")).ToHaveAttributeAsync("data-status", "waiting");
        await doctor.GetByTestId("admit-guest").ClickAsync();

        // Everyone moves to the room and decodes the other two.
        var names = new Dictionary<IPage, string[]>
        {
            [doctor] = ["Ksenia Orekhova", "Sophie Turner"],
            [patient] = ["Lena Schneider", "Sophie Turner"],
            [interpreter] = ["Lena Schneider", "Ksenia Orekhova"],
        };
        foreach (var (page, others) in names)
        {
            await Expect(page.GetByTestId("sfu-stage")).ToHaveAttributeAsync("data-state", "joined", new() { Timeout = 30_000 });
            await GroupCallPages.DecodesAsync(page, others);
        }

        // The doctor shares the screen; the other two decode it.
        await doctor.GetByTestId("share-screen").ClickAsync();
        await Expect(doctor.GetByTestId("share-screen")).ToHaveAttributeAsync("aria-pressed", "true");
        await GroupCallPages.DecodesAsync(patient, ["Lena Schneider (screen)"]);
        await GroupCallPages.DecodesAsync(interpreter, ["Lena Schneider (screen)"]);

        // The patient shares only once the doctor lets them; withdrawing the permission takes their screen away from everyone.
        await Expect(patient.GetByTestId("share-screen")).ToHaveCountAsync(0);
        await doctor.GetByTestId("allow-patient-screen").ClickAsync();
        await Expect(doctor.GetByTestId("allow-patient-screen")).ToHaveAttributeAsync("aria-pressed", "true");
        await patient.GetByTestId("share-screen").ClickAsync();
        await GroupCallPages.DecodesAsync(doctor, ["Ksenia Orekhova (screen)"]);
        await GroupCallPages.DecodesAsync(interpreter, ["Ksenia Orekhova (screen)"]);
        await doctor.GetByTestId("allow-patient-screen").ClickAsync();
        await Expect(patient.GetByTestId("share-screen")).ToHaveCountAsync(0);
        await Expect(doctor.Locator("[data-testid='sfu-tile'][data-display='Ksenia Orekhova (screen)']")).ToHaveCountAsync(0, new() { Timeout = 10_000 });

        // A fourth user with no invitation: the host gives them no seat, and Janus itself refuses a token it was never given.
        var stranger = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(stranger, Stranger);
        await stranger.GotoAsync($"/consultations/{id}/join");
        await Expect(stranger.GetByTestId("guest-knock")).ToHaveCountAsync(0);
        var refusal = await stranger.EvaluateAsync<JsonElement>(
            """
            url => new Promise(resolve => {
              const ws = new WebSocket(url, "janus-protocol");
              ws.onopen = () => ws.send(JSON.stringify({ janus: "create", transaction: "t", token: "a-token-the-host-never-gave" }));
              ws.onmessage = e => { resolve(JSON.parse(e.data)); ws.close(); };
              ws.onerror = () => resolve({ janus: "socket-error" });
            })
            """, fixture.Janus.BrowserUrl);
        refusal.GetProperty("janus").GetString().ShouldBe("error", refusal.ToString());
        refusal.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(403);

        // The doctor removes the interpreter: out of the room at once, and the others' tiles of them go.
        await doctor.GetByRole(AriaRole.Button, new() { Name = "Remove Sophie Turner" }).ClickAsync();
        await Expect(interpreter.GetByTestId("guest-removed")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(patient.Locator("[data-testid=sfu-tile][data-display='Sophie Turner']")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Expect(doctor.Locator("[data-testid=sfu-tile][data-display='Sophie Turner']")).ToHaveCountAsync(0);
        await GroupCallPages.DecodesAsync(patient, ["Lena Schneider"]);
    }
}
