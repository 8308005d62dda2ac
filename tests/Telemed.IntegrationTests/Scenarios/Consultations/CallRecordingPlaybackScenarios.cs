using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Storage;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Scenarios.Consultations.GroupCallApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// Playing a stored recording with HTTP range requests (what a browser's &lt;video&gt; sends to seek), and the recording policy on a
/// deployment that cannot record. No SFU here: the track is stored as the recording worker stores one (the host's own encrypted
/// file store, parts of 4 MiB under <c>consultations/recordings/{id:N}/{index}-{part:D5}</c>, the row saying its plaintext size
/// and part count), 2 full parts and a partial third, so ranges cross part boundaries. Recording itself through Janus is
/// <see cref="CallRecordingScenarios"/> and <c>CallRecordingJourney</c>.
/// </summary>
public abstract class CallRecordingPlaybackScenarios(TelemedHost host)
{
    private const string PatientEmail = "ksenia.orekhova@demo.telemed.dev";
    private const string DoctorEmail = "lena.schneider@demo.telemed.dev";
    private const string OtherPatientEmail = "oliver.grant@demo.telemed.dev";
    private const string OtherDoctorEmail = "anna.petrova@demo.telemed.dev";

    /// <summary>RecordingMedia.PartBytes: what the worker puts in one encrypted part.</summary>
    private const int PartBytes = 4 * 1024 * 1024;

    [Fact]
    public async Task Given_a_stored_track_of_three_parts_When_a_player_asks_for_byte_ranges_Then_each_answer_is_exactly_those_bytes_of_the_whole_file()
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        using var doctor = await host.SignedInAsync(DoctorEmail);
        using var patient = await host.SignedInAsync(PatientEmail);
        using var otherPatient = await host.SignedInAsync(OtherPatientEmail);
        using var otherDoctor = await host.SignedInAsync(OtherDoctorEmail);
        var id = await StartVideoConsultationAsync(doctor, patient);
        var size = (2L * PartBytes) + 1_234_567;
        var (recordingId, media) = await StoreTrackAsync(id, size);
        var url = $"/api/v1/consultations/{id}/recordings/{recordingId}/tracks/0";
        var played = 0;

        // No Range: the whole file, and the player is told it may ask for ranges.
        var full = await doctor.GetAsync(url);
        played++;
        await full.ShouldHaveStatusAsync(HttpStatusCode.OK);
        full.Headers.AcceptRanges.ShouldContain("bytes");
        full.Content.Headers.ContentLength.ShouldBe(size);
        full.Content.Headers.ContentType!.MediaType.ShouldBe("video/webm");
        full.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var whole = await full.Content.ReadAsByteArrayAsync();
        whole.AsSpan().SequenceEqual(media).ShouldBeTrue("the whole download is the stored plaintext");

        // One range: 206, Content-Range, and exactly those bytes of the whole download.
        foreach (var (from, to) in new (long? From, long? To)[]
        {
            (100, 199),                                   // inside the first part
            (PartBytes - 1000, PartBytes + 999),          // across the first boundary
            (PartBytes, PartBytes),                       // the first byte of the second part
            (1000, (2L * PartBytes) + 500),               // three parts
            (size - 5000, null),                          // open-ended: bytes=a-
            (null, 3000),                                 // suffix: the last 3000 bytes
            (size - 10, size + 100),                      // an end past the file is cut to the file
        })
        {
            var answer = await RangeAsync(patient, url, from, to);
            played++;
            var first = from ?? size - to!.Value;
            var last = from is null || to is null ? size - 1 : Math.Min(to.Value, size - 1);
            await answer.ShouldHaveStatusAsync(HttpStatusCode.PartialContent);
            answer.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes {first}-{last}/{size}");
            answer.Content.Headers.ContentLength.ShouldBe(last - first + 1);
            answer.Headers.AcceptRanges.ShouldContain("bytes");
            (await answer.Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(whole.AsSpan((int)first, (int)(last - first + 1))).ShouldBeTrue($"bytes={from}-{to}");
        }

        // Past the end: 416 with the length, and no media.
        foreach (var (from, to) in new (long? From, long? To)[] { (size, size + 10), (size + PartBytes, null) })
        {
            var refused = await RangeAsync(patient, url, from, to);
            played++;
            await refused.ShouldHaveStatusAsync(HttpStatusCode.RequestedRangeNotSatisfiable);
            refused.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes */{size}");
        }

        // Several ranges: RFC 9110 lets a server answer with the whole file, which this one does.
        var several = new HttpRequestMessage(HttpMethod.Get, url);
        several.Headers.Range = new RangeHeaderValue();
        several.Headers.Range.Ranges.Add(new RangeItemHeaderValue(0, 9));
        several.Headers.Range.Ranges.Add(new RangeItemHeaderValue(PartBytes, PartBytes + 9));
        var all = await patient.Http.SendAsync(several);
        played++;
        await all.ShouldHaveStatusAsync(HttpStatusCode.OK);
        all.Content.Headers.ContentLength.ShouldBe(size);
        (await all.Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(whole).ShouldBeTrue();

        // A range changes nothing about who may play: strangers are still told the consultation does not exist.
        foreach (var stranger in new[] { otherPatient, otherDoctor })
        {
            var refused = await RangeAsync(stranger, url, PartBytes - 10, PartBytes + 10);
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await refused.ProblemCodeAsync()).ShouldBe("consultation.not_found");
        }

        // Every request of the care team is a playback in the audit trail, ranges included.
        var audited = 0;
        for (var attempt = 0; attempt < 20 && audited < played; attempt++, await Task.Delay(250))
        {
            var plays = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=consultation.recording_played&recordId={recordingId}&pageSize=50");
            audited = plays.GetProperty("total").GetInt32();
        }

        audited.ShouldBe(played);

        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    [Fact]
    public async Task Given_a_deployment_without_a_recordings_directory_When_an_administrator_switches_recording_on_Then_it_is_refused_and_the_policy_says_why()
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var clinic = (await admin.GetJsonAsync<JsonElement>("/api/v1/clinics"))[0].GetProperty("id").GetGuid();
        var url = $"/api/v1/clinics/{clinic}/recording-policy";
        await (await admin.PutAsync(url, new { allowed = false, retentionDays = 45 })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var before = await admin.GetJsonAsync<JsonElement>(url);
        before.GetProperty("recordingAvailable").GetBoolean().ShouldBeFalse("this host has no SFU, so nowhere to record to");

        var refused = await admin.PutAsync(url, new { allowed = true, retentionDays = 60 });
        await refused.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        (await refused.ProblemCodeAsync()).ShouldBe("consultation.recording_unavailable");
        var kept = await admin.GetJsonAsync<JsonElement>(url);
        kept.GetProperty("allowed").GetBoolean().ShouldBeFalse("a refused request changes nothing");
        kept.GetProperty("retentionDays").GetInt32().ShouldBe(45);

        // Switched off, recording's retention can still be set.
        var saved = await admin.PutAsync(url, new { allowed = false, retentionDays = 90 });
        await saved.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var view = await saved.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("retentionDays").GetInt32().ShouldBe(90);
        view.GetProperty("recordingAvailable").GetBoolean().ShouldBeFalse();

        // A policy that already allowed recording (saved while an SFU was configured) is kept, and may be changed or switched off.
        var raw = new RawDatabase(host);
        await using (var connection = await raw.OpenAsync())
        {
            var clinicId = raw.IsPostgres ? $"'{clinic}'" : $"'{clinic.ToString().ToUpperInvariant()}'";
            (await RawDatabase.ExecuteAsync(connection,
                $"UPDATE {raw.Table("consultations", "call_recording_policies")} SET \"Allowed\" = {(raw.IsPostgres ? "true" : "1")} WHERE \"ClinicId\" = {clinicId}")).ShouldBe(1);
        }

        var existing = await admin.GetJsonAsync<JsonElement>(url);
        existing.GetProperty("allowed").GetBoolean().ShouldBeTrue("stored policy data is shown as it is");
        existing.GetProperty("recordingAvailable").GetBoolean().ShouldBeFalse();
        await (await admin.PutAsync(url, new { allowed = true, retentionDays = 30 })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.PutAsync(url, new { allowed = false, retentionDays = 30 })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await (await admin.PutAsync(url, new { allowed = true, retentionDays = 30 })).ProblemCodeAsync()).ShouldBe("consultation.recording_unavailable");
        (await admin.GetJsonAsync<JsonElement>(url)).GetProperty("allowed").GetBoolean().ShouldBeFalse();
    }

    private static Task<HttpResponseMessage> RangeAsync(ApiClient client, string url, long? from, long? to)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(from, to) } };
        return client.Http.SendAsync(request);
    }

    /// <summary>An available recording of the consultation with one track of <paramref name="size"/> pseudo-random bytes, stored as the worker stores one.</summary>
    private async Task<(Guid RecordingId, byte[] Media)> StoreTrackAsync(Guid consultationId, long size)
    {
        var media = new byte[size];
        new Random(16).NextBytes(media);
        var recordingId = Guid.NewGuid();
        var files = host.Services.GetRequiredService<IFileStore>();
        var parts = (int)((size + PartBytes - 1) / PartBytes);
        for (var part = 0; part < parts; part++)
        {
            var start = part * PartBytes;
            await files.SaveAsync($"consultations/recordings/{recordingId:N}/0-{part:D5}", media.AsMemory(start, (int)Math.Min(PartBytes, size - start)));
        }

        var raw = new RawDatabase(host);
        string Id(Guid g) => raw.IsPostgres ? $"'{g}'" : $"'{g.ToString().ToUpperInvariant()}'";
        string At(DateTime t) => $"'{t:yyyy-MM-dd HH:mm:ss}'";
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var requester = Guid.NewGuid();
        await using var connection = await raw.OpenAsync();
        await RawDatabase.ExecuteAsync(connection,
            $"""
             INSERT INTO {raw.Table("consultations", "call_recordings")} ("Id", "ConsultationId", "RequestedByUserId", "RequestedAt", "ConsentTextVersion", "ConsentedAt",
                 "StoppedAt", "StopReason", "Status", "RetainUntil", "Version")
             VALUES ({Id(recordingId)}, {Id(consultationId)}, {Id(requester)}, {At(now.AddMinutes(-10))}, 'test', {At(now.AddMinutes(-9))}, {At(now.AddMinutes(-1))},
                 'Doctor', 'Available', {At(now.AddDays(7))}, 3)
             """);
        await RawDatabase.ExecuteAsync(connection,
            $"""
             INSERT INTO {raw.Table("consultations", "call_recording_tracks")} ("RecordingId", "Index", "UserId", "Screen", "DurationSeconds", "SizeBytes", "Parts")
             VALUES ({Id(recordingId)}, 0, NULL, {(raw.IsPostgres ? "false" : "0")}, 480, {size}, {parts})
             """);
        return (recordingId, media);
    }
}

public sealed class CallRecordingPlaybackScenariosOnSqlite(ConsultationsSqliteHost host) : CallRecordingPlaybackScenarios(host), IClassFixture<ConsultationsSqliteHost>;

public sealed class CallRecordingPlaybackScenariosOnPostgres(ConsultationsPostgresHost host) : CallRecordingPlaybackScenarios(host), IClassFixture<ConsultationsPostgresHost>;
