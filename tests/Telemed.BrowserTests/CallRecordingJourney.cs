using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 16's recording done-when, in real browsers through a real Janus: the doctor asks to record, the patient sees the consent
/// text and declines (nothing is recorded), the doctor asks again and the patient accepts; both pages show the indicator and the
/// call moves to the SFU; the patient withdraws and recording stops at once. The stored recording exists only encrypted, the raw
/// files are gone, it decrypts to a WebM whose duration ffprobe reports as &gt; 0 and no longer than the consented time, the
/// doctor's page plays it, a stranger cannot, and every playback is in the audit trail.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CallRecordingJourney(GroupCallJourneyFixture fixture) : IClassFixture<GroupCallJourneyFixture>
{
    private const string Patient = "ksenia.orekhova@demo.telemed.dev";
    private const string Doctor = "lena.schneider@demo.telemed.dev";
    private const string Stranger = "anna.petrova@demo.telemed.dev";
    private static readonly byte[] WebmMagic = [0x1A, 0x45, 0xDF, 0xA3];

    [Fact]
    public async Task A_call_is_recorded_only_with_the_patients_consent_stored_encrypted_and_played_only_by_the_care_team_with_an_audit_entry()
    {
        var host = fixture.Host;
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        foreach (var clinic in (await admin.GetJsonAsync<JsonElement>("/api/v1/clinics")).EnumerateArray())
        {
            await (await admin.PutAsync($"/api/v1/clinics/{clinic.GetProperty("id").GetGuid()}/recording-policy", new { allowed = true, retentionDays = 7 }))
                .ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        var id = await GroupCallPages.StartVideoConsultationAsync(host, Doctor, Patient);
        var doctor = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(doctor, Doctor, host);
        var patient = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(patient, Patient);
        await doctor.GotoAsync($"/consultations/{id}/call");
        await patient.GotoAsync($"/consultations/{id}/call");

        // A refusal records nothing and leaves the call where it was.
        await doctor.GetByTestId("record-call").ClickAsync();
        await Expect(doctor.GetByTestId("recording-waiting")).ToBeVisibleAsync();
        var dialog = patient.GetByTestId("recording-consent-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(patient.GetByTestId("recording-consent-text")).ToContainTextAsync("withdraw");
        await patient.GetByTestId("recording-consent-decline").ClickAsync();
        await Expect(doctor.GetByTestId("recording-declined")).ToBeVisibleAsync();
        await Expect(doctor.GetByTestId("recording-indicator")).ToHaveCountAsync(0);
        await Expect(doctor.GetByTestId("sfu-stage")).ToHaveCountAsync(0);

        // Consent: both pages show the indicator, move to the room and see each other; Janus writes raw files meanwhile.
        await doctor.GetByTestId("record-call").ClickAsync();
        await patient.GetByTestId("recording-consent-accept").ClickAsync();
        var consentedAt = DateTime.UtcNow;
        foreach (var page in new[] { doctor, patient })
        {
            await Expect(page.GetByTestId("recording-indicator")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("sfu-stage")).ToHaveAttributeAsync("data-state", "joined", new() { Timeout = 30_000 });
        }

        await GroupCallPages.DecodesAsync(patient, ["Lena Schneider"]);
        await GroupCallPages.DecodesAsync(doctor, ["Ksenia Orekhova"]);
        var recordingId = (await StateAsync(host, id)).GetProperty("recordingId").GetGuid();
        var raw = Path.Combine(fixture.Janus.RecordingsDirectory, recordingId.ToString("N"));
        Directory.EnumerateFiles(raw, "*.mjr").Count().ShouldBeGreaterThanOrEqualTo(2, "Janus records the doctor's and the patient's media");
        await Task.Delay(4000);

        // The patient withdraws: the indicator goes on both pages, and nothing after this moment is kept.
        await patient.GetByTestId("stop-recording").ClickAsync();
        var withdrawnAt = DateTime.UtcNow;
        await Expect(patient.GetByTestId("recording-indicator")).ToHaveCountAsync(0, new() { Timeout = 5_000 });
        await Expect(doctor.GetByTestId("recording-indicator")).ToHaveCountAsync(0, new() { Timeout = 5_000 });

        // The host post-processes, encrypts and deletes the plaintext.
        using var patientApi = await host.SignedInAsync(Patient);
        var recording = await AvailableAsync(patientApi, id, recordingId);
        recording.GetProperty("stopReason").GetString().ShouldBe("withdrawn");
        var tracks = recording.GetProperty("tracks").EnumerateArray().ToList();
        tracks.Select(t => t.GetProperty("display").GetString()).ShouldBe(["Ksenia Orekhova", "Lena Schneider"], ignoreOrder: true);
        Directory.Exists(raw).ShouldBeFalse("the raw .mjr and every intermediate file are deleted");
        var stored = Directory.EnumerateFiles(Path.Combine(host.DataDirectory, "files"), "*", SearchOption.AllDirectories)
            .Where(f => f.Contains(recordingId.ToString("N"), StringComparison.Ordinal)).ToList();
        stored.Count.ShouldBeGreaterThanOrEqualTo(2);
        foreach (var file in stored)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            bytes.AsSpan(0, 4).SequenceEqual(WebmMagic).ShouldBeFalse("what is on disk is ciphertext");
            Encoding.ASCII.GetString(bytes).ShouldNotContain("webm");
            Encoding.ASCII.GetString(bytes).ShouldNotContain("OpusHead");
        }

        // Played back by the patient: WebM that ffprobe reads, no longer than the time between consent and withdrawal.
        var played = await patientApi.GetAsync($"/api/v1/consultations/{id}/recordings/{recordingId}/tracks/0");
        await played.ShouldHaveStatusAsync(HttpStatusCode.OK);
        played.Content.Headers.ContentType!.MediaType.ShouldBe("video/webm");
        var webm = await played.Content.ReadAsByteArrayAsync();
        webm.AsSpan(0, 4).SequenceEqual(WebmMagic).ShouldBeTrue("the decrypted track is a WebM (EBML) file");
        var file0 = Path.Combine(host.DataDirectory, $"played-{recordingId:N}.webm");
        await File.WriteAllBytesAsync(file0, webm);
        var duration = await ProbeDurationAsync(file0);
        File.Delete(file0);
        duration.ShouldBeGreaterThan(0);
        duration.ShouldBeLessThan((withdrawnAt - consentedAt).TotalSeconds + 3, "nothing after the withdrawal is recorded");

        // The doctor's page plays it; a stranger cannot; every playback is audited.
        await doctor.GotoAsync($"/doctor/consultations/{id}/protocol");
        var video = doctor.GetByTestId("recording-video").First;
        await Expect(video).ToBeVisibleAsync();
        await doctor.WaitForFunctionAsync("v => v.readyState >= 1", await video.ElementHandleAsync(), new() { Timeout = 20_000 });
        using var stranger = await host.SignedInAsync(Stranger);
        (await (await stranger.GetAsync($"/api/v1/consultations/{id}/recordings/{recordingId}/tracks/0")).ProblemCodeAsync()).ShouldBe("consultation.not_found");
        (await (await stranger.GetAsync($"/api/v1/consultations/{id}/recordings")).ProblemCodeAsync()).ShouldBe("consultation.not_found");
        var plays = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=consultation.recording_played&recordId={recordingId}&pageSize=20");
        plays.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(2, "the patient's download and the doctor's player");

        using var doctorApi = await host.SignedInAsync(Doctor);
        await (await doctorApi.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctorApi.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    private static async Task<JsonElement> StateAsync(TelemedHost host, Guid id)
    {
        using var doctor = await host.SignedInAsync(Doctor);
        return await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/recording");
    }

    private static async Task<JsonElement> AvailableAsync(ApiClient client, Guid id, Guid recordingId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var r in (await client.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/recordings")).EnumerateArray())
            {
                if (r.GetProperty("recordingId").GetGuid() == recordingId)
                {
                    last = r;
                }
            }

            if (last.ValueKind == JsonValueKind.Object && last.GetProperty("status").GetString() is "available" or "failed")
            {
                break;
            }

            await Task.Delay(500);
        }

        last.GetProperty("status").GetString().ShouldBe("available", $"the recording was processed: {last}");
        return last;
    }

    private static async Task<double> ProbeDurationAsync(string file)
    {
        using var probe = Process.Start(new ProcessStartInfo("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var output = await probe.StandardOutput.ReadToEndAsync();
        await probe.WaitForExitAsync();
        probe.ExitCode.ShouldBe(0, await probe.StandardError.ReadToEndAsync());
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}
