using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;
using static Telemed.IntegrationTests.Scenarios.Consultations.GroupCallApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>A real Janus (in its own network namespace) and a host configured to use it for group calls.</summary>
public abstract class GroupCallHosts(DatabaseProvider provider) : IAsyncLifetime
{
    public JanusServer Janus { get; } = new();

    public TelemedHost Host { get; private set; } = null!;

    /// <summary>Moments inside the host's work with Janus that a scenario can act at.</summary>
    public SfuHooks Sfu { get; } = new();

    public async Task InitializeAsync()
    {
        await Janus.InitializeAsync();
        var settings = ConsultationSettings.Create();
        foreach (var (key, value) in Janus.HostSettings())
        {
            settings[key] = value;
        }

        Host = new SfuHookedHost(provider, settings, Sfu);
        await Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Janus.DisposeAsync();
    }
}

public sealed class GroupCallSqliteHosts() : GroupCallHosts(DatabaseProvider.Sqlite);

public sealed class GroupCallPostgresHosts() : GroupCallHosts(DatabaseProvider.Postgres);

/// <summary>
/// Issue 16: the doctor invites a third participant, admits them, removes them, and the call moves to a Janus video room
/// whose door the host controls. Checked against Janus itself: a seat's token opens that room and nothing else, a removed
/// guest's token and publisher are gone at once, and ending the consultation destroys the room.
/// </summary>
public abstract class GroupCallScenarios(GroupCallHosts hosts)
{
    private const string PatientEmail = "ksenia.orekhova@demo.telemed.dev";
    private const string DoctorEmail = "lena.schneider@demo.telemed.dev";
    private const string GuestEmail = "sophie.turner@demo.telemed.dev";
    private const string OtherDoctorEmail = "anna.petrova@demo.telemed.dev";
    private const string StrangerEmail = "oliver.grant@demo.telemed.dev";

    private TelemedHost Host => hosts.Host;

    [Fact]
    public async Task Given_a_video_consultation_When_the_doctor_invites_admits_and_removes_a_guest_Then_the_call_moves_to_a_Janus_room_only_seated_people_can_enter()
    {
        using var doctor = await Host.SignedInAsync(DoctorEmail);
        using var patient = await Host.SignedInAsync(PatientEmail);
        using var guest = await Host.SignedInAsync(GuestEmail);
        using var stranger = await Host.SignedInAsync(StrangerEmail);
        using var otherDoctor = await Host.SignedInAsync(OtherDoctorEmail);
        var id = await StartVideoConsultationAsync(doctor, patient);
        (await Call(doctor, id)).GetProperty("media").GetString().ShouldBe("peer", "one-to-one stays peer-to-peer");

        // Who may invite, and what.
        await (await patient.PostAsync($"/api/v1/consultations/{id}/guests", new { email = GuestEmail, role = "family" })).ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        (await (await otherDoctor.PostAsync($"/api/v1/consultations/{id}/guests", new { email = GuestEmail, role = "family" })).ProblemCodeAsync()).ShouldBe("consultation.not_found");
        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/guests", new { email = GuestEmail, role = "uncle" })).ProblemCodeAsync()).ShouldBe("consultation.invalid_guest");
        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/guests", new { email = "nobody@demo.telemed.dev", role = "family" })).ProblemCodeAsync()).ShouldBe("consultation.guest_account_not_found");
        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/guests", new { email = PatientEmail, role = "family" })).ProblemCodeAsync()).ShouldBe("consultation.guest_is_participant");

        var invited = await doctor.PostAsync($"/api/v1/consultations/{id}/guests", new { email = GuestEmail, role = "family" });
        await invited.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var guestId = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("guestId").GetGuid();
        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/guests", new { email = GuestEmail, role = "family" })).ProblemCodeAsync()).ShouldBe("consultation.already_invited");
        var invitations = await guest.GetJsonAsync<JsonElement>("/api/v1/me/call-invitations");
        invitations.EnumerateArray().Single(i => i.GetProperty("consultationId").GetGuid() == id).GetProperty("doctorName").GetString().ShouldBe("Lena Schneider");
        (await stranger.GetJsonAsync<JsonElement>("/api/v1/me/call-invitations")).EnumerateArray().ShouldNotContain(i => i.GetProperty("consultationId").GetGuid() == id);

        // Not in before the doctor lets them in; the doctor lets in only someone who asked.
        (await (await guest.GetAsync($"/api/v1/consultations/{id}/call")).ProblemCodeAsync()).ShouldBe("consultation.guest_not_admitted");
        (await (await stranger.GetAsync($"/api/v1/consultations/{id}/call")).ProblemCodeAsync()).ShouldBe("consultation.not_found");
        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/guests/{guestId}/admit")).ProblemCodeAsync()).ShouldBe("consultation.guest_not_waiting");
        using var patientHub = (await HubClient.ConnectAsync(patient, "/hubs/call", "guestsChanged", "mediaChanged"))!;
        (await patientHub.InvokeAsync("WatchCall", id)).Ok.ShouldBeTrue();
        (await guest.PostAsync($"/api/v1/consultations/{id}/guests/me/knock")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await patientHub.NextEventAsync("guestsChanged");
        (await guest.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/guests/me")).GetProperty("status").GetString().ShouldBe("waiting");

        await (await doctor.PostAsync($"/api/v1/consultations/{id}/guests/{guestId}/admit")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await patientHub.NextEventAsync("mediaChanged")).GetProperty("media").GetString().ShouldBe("sfu");
        var guests = await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/guests");
        guests.EnumerateArray().Single().GetProperty("status").GetString().ShouldBe("admitted");
        guests.EnumerateArray().Single().GetProperty("role").GetString().ShouldBe("family");

        // Everyone now has a seat in the same room, each with their own token and publisher ids.
        var seats = new Dictionary<string, JsonElement>();
        foreach (var (name, client) in new[] { ("doctor", doctor), ("patient", patient), ("guest", guest) })
        {
            var call = await Call(client, id);
            call.GetProperty("media").GetString().ShouldBe("sfu", name);
            seats[name] = call.GetProperty("sfu");
            seats[name].GetProperty("server").GetString().ShouldBe(hosts.Janus.BrowserUrl);
        }

        (await Call(guest, id)).GetProperty("role").GetString().ShouldBe("guest");
        seats.Values.Select(s => s.GetProperty("room").GetInt64()).Distinct().Count().ShouldBe(1);
        seats.Values.Select(s => s.GetProperty("token").GetString()).Distinct().Count().ShouldBe(3);
        seats.Values.Select(s => s.GetProperty("feedId").GetInt64()).Distinct().Count().ShouldBe(3);
        var room = seats["guest"].GetProperty("room").GetInt64();
        JsonSerializer.Serialize(seats).ShouldNotContain(hosts.Janus.AdminSecret, customMessage: "no secret reaches a browser");

        // Janus itself: the guest's token opens a session and joins the room; a made-up token opens nothing.
        using var janus = new JanusClient(hosts.Janus.ApiUrl);
        (await janus.CreateSessionAsync(Guid.NewGuid().ToString("N"))).ShouldBeNull("Janus refuses a token the host never added");
        var guestToken = seats["guest"].GetProperty("token").GetString()!;
        var guestSession = (await janus.CreateSessionAsync(guestToken)).ShouldNotBeNull();
        var guestHandle = await janus.AttachAsync(guestSession, guestToken);
        var joined = await janus.JoinAsPublisherAsync(guestSession, guestHandle, guestToken, room, seats["guest"].GetProperty("feedId").GetInt64());
        joined.GetProperty("videoroom").GetString().ShouldBe("joined", joined.ToString());
        var doctorToken = seats["doctor"].GetProperty("token").GetString()!;
        var doctorSession = (await janus.CreateSessionAsync(doctorToken)).ShouldNotBeNull();
        var doctorHandle = await janus.AttachAsync(doctorSession, doctorToken);
        (await janus.ParticipantIdsAsync(doctorSession, doctorHandle, doctorToken, room)).ShouldContain(seats["guest"].GetProperty("feedId").GetInt64());
        // A seat opens its own room only.
        var wrongRoom = await janus.JoinAsPublisherAsync(guestSession, guestHandle, guestToken, room + 1, 12);
        wrongRoom.TryGetProperty("error_code", out _).ShouldBeTrue(wrongRoom.ToString());

        // Removed: out of the room at once, and the token opens nothing any more.
        await (await doctor.Http.DeleteAsync($"/api/v1/consultations/{id}/guests/{guestId}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        (await janus.ParticipantIdsAsync(doctorSession, doctorHandle, doctorToken, room)).ShouldNotContain(seats["guest"].GetProperty("feedId").GetInt64());
        (await janus.CreateSessionAsync(guestToken)).ShouldBeNull("the removed guest's token was withdrawn");
        (await (await guest.GetAsync($"/api/v1/consultations/{id}/call")).ProblemCodeAsync()).ShouldBe("consultation.not_found");
        (await (await guest.GetAsync($"/api/v1/consultations/{id}/guests/me")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("removed");
        (await Call(patient, id)).GetProperty("media").GetString().ShouldBe("sfu", "the call stays in the room once it moved");

        // Ended: the room is gone and nobody's token opens anything.
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await janus.CreateSessionAsync(doctorToken)).ShouldBeNull("the doctor's token was withdrawn when the consultation ended");
        var probe = Guid.NewGuid().ToString("N");
        await hosts.Janus.AdminAsync("add_token", new() { ["token"] = probe, ["plugins"] = new[] { "janus.plugin.videoroom" } });
        var probeSession = (await janus.CreateSessionAsync(probe)).ShouldNotBeNull();
        (await janus.RoomExistsAsync(probeSession, await janus.AttachAsync(probeSession, probe), probe, room)).ShouldBeFalse();
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    [Fact]
    public async Task Given_a_one_to_one_call_When_nobody_was_invited_Then_a_stranger_cannot_list_or_join_and_refusals_are_audited()
    {
        using var doctor = await Host.SignedInAsync(DoctorEmail);
        using var patient = await Host.SignedInAsync(PatientEmail);
        using var stranger = await Host.SignedInAsync(StrangerEmail);
        var id = await StartVideoConsultationAsync(doctor, patient);

        (await (await stranger.GetAsync($"/api/v1/consultations/{id}/guests")).ProblemCodeAsync()).ShouldBe("consultation.not_found");
        (await (await stranger.PostAsync($"/api/v1/consultations/{id}/guests/me/knock")).ProblemCodeAsync()).ShouldBe("consultation.not_found");
        (await (await stranger.GetAsync($"/api/v1/consultations/{id}/guests/me")).ProblemCodeAsync()).ShouldBe("consultation.not_found");
        (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/guests")).GetArrayLength().ShouldBe(0);

        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    [Fact]
    public async Task Given_a_guest_in_the_Janus_room_When_they_sign_out_Then_Janus_drops_them_at_once_and_signing_in_again_gives_the_seat_back()
    {
        using var doctor = await Host.SignedInAsync(DoctorEmail);
        using var patient = await Host.SignedInAsync(PatientEmail);
        using var guest = await Host.SignedInAsync(GuestEmail);
        var id = await StartVideoConsultationAsync(doctor, patient);
        await AdmitGuestAsync(doctor, guest, id, GuestEmail, "family");

        // The guest's browser talks to Janus directly: in the room as a publisher, seen by the doctor.
        var seat = (await Call(guest, id)).GetProperty("sfu");
        var (room, token, feed) = (seat.GetProperty("room").GetInt64(), seat.GetProperty("token").GetString()!, seat.GetProperty("feedId").GetInt64());
        using var janus = new JanusClient(hosts.Janus.ApiUrl);
        var session = (await janus.CreateSessionAsync(token)).ShouldNotBeNull();
        (await janus.JoinAsPublisherAsync(session, await janus.AttachAsync(session, token), token, room, feed)).GetProperty("videoroom").GetString().ShouldBe("joined");
        var doctorToken = (await Call(doctor, id)).GetProperty("sfu").GetProperty("token").GetString()!;
        var doctorSession = (await janus.CreateSessionAsync(doctorToken)).ShouldNotBeNull();
        var doctorHandle = await janus.AttachAsync(doctorSession, doctorToken);
        (await janus.ParticipantIdsAsync(doctorSession, doctorHandle, doctorToken, room)).ShouldContain(feed);

        // Signed out: out of the room at once and the token opens nothing, though the browser never said goodbye to Janus.
        await (await guest.PostAsync("/api/v1/auth/sign-out")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        (await janus.ParticipantIdsAsync(doctorSession, doctorHandle, doctorToken, room)).ShouldNotContain(feed);
        (await janus.CreateSessionAsync(token)).ShouldBeNull("the signed-out guest's token was withdrawn");
        (await Call(patient, id)).GetProperty("media").GetString().ShouldBe("sfu", "the others stay in the room");

        // Still an admitted guest: signed in again, the seat is theirs again.
        using var again = await Host.SignedInAsync(GuestEmail);
        var back = (await Call(again, id)).GetProperty("sfu");
        back.GetProperty("room").GetInt64().ShouldBe(room);
        (await janus.CreateSessionAsync(back.GetProperty("token").GetString()!)).ShouldNotBeNull("signed in again, the guest's token opens the room again");

        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    [Fact]
    public async Task Given_a_group_call_When_the_doctor_lets_the_patient_share_a_screen_and_withdraws_it_Then_Janus_drops_the_patients_screen_at_once()
    {
        using var doctor = await Host.SignedInAsync(DoctorEmail);
        using var patient = await Host.SignedInAsync(PatientEmail);
        using var guest = await Host.SignedInAsync(GuestEmail);
        using var otherDoctor = await Host.SignedInAsync(OtherDoctorEmail);
        var id = await StartVideoConsultationAsync(doctor, patient);
        (await (await doctor.PutAsync($"/api/v1/consultations/{id}/screen-sharing", new { patientAllowed = true })).ProblemCodeAsync())
            .ShouldBe("consultation.screen_sharing_needs_sfu", "one-to-one calls stay peer-to-peer, where only the doctor shares");

        await AdmitGuestAsync(doctor, guest, id, GuestEmail, "interpreter");
        (await Call(patient, id)).GetProperty("patientMayShareScreen").GetBoolean().ShouldBeFalse("off until the doctor says so");

        // The doctor must say yes or no: a missing or null answer is refused, not read as "no".
        foreach (var body in new object?[] { new { }, new { patientAllowed = (bool?)null }, null })
        {
            var refused = body is null
                ? await doctor.Http.PutAsync($"/api/v1/consultations/{id}/screen-sharing", new StringContent("null", System.Text.Encoding.UTF8, "application/json"))
                : await doctor.PutAsync($"/api/v1/consultations/{id}/screen-sharing", body);
            await refused.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
            (await refused.ProblemCodeAsync()).ShouldStartWith("validation.");
        }

        // Only the consultation's doctor decides.
        await (await patient.PutAsync($"/api/v1/consultations/{id}/screen-sharing", new { patientAllowed = true })).ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        (await (await otherDoctor.PutAsync($"/api/v1/consultations/{id}/screen-sharing", new { patientAllowed = true })).ProblemCodeAsync()).ShouldBe("consultation.not_found");
        using var patientHub = (await HubClient.ConnectAsync(patient, "/hubs/call", "screenSharingChanged"))!;
        (await patientHub.InvokeAsync("WatchCall", id)).Ok.ShouldBeTrue();
        await (await doctor.PutAsync($"/api/v1/consultations/{id}/screen-sharing", new { patientAllowed = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await patientHub.NextEventAsync("screenSharingChanged")).GetProperty("patientAllowed").GetBoolean().ShouldBeTrue();
        var seat = (await Call(patient, id)).GetProperty("sfu");
        (await Call(patient, id)).GetProperty("patientMayShareScreen").GetBoolean().ShouldBeTrue();

        // The patient publishes camera and screen in Janus; withdrawing the permission kicks the screen and keeps the camera.
        var room = seat.GetProperty("room").GetInt64();
        var token = seat.GetProperty("token").GetString()!;
        var (camera, screen) = (seat.GetProperty("feedId").GetInt64(), seat.GetProperty("screenFeedId").GetInt64());
        using var janus = new JanusClient(hosts.Janus.ApiUrl);
        var session = (await janus.CreateSessionAsync(token)).ShouldNotBeNull();
        var cameraHandle = await janus.AttachAsync(session, token);
        var screenHandle = await janus.AttachAsync(session, token);
        (await janus.JoinAsPublisherAsync(session, cameraHandle, token, room, camera)).GetProperty("videoroom").GetString().ShouldBe("joined");
        (await janus.JoinAsPublisherAsync(session, screenHandle, token, room, screen)).GetProperty("videoroom").GetString().ShouldBe("joined");
        (await janus.ParticipantIdsAsync(session, cameraHandle, token, room)).ShouldContain(screen);

        await (await doctor.PutAsync($"/api/v1/consultations/{id}/screen-sharing", new { patientAllowed = false })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await patientHub.NextEventAsync("screenSharingChanged")).GetProperty("patientAllowed").GetBoolean().ShouldBeFalse();
        var left = await janus.ParticipantIdsAsync(session, cameraHandle, token, room);
        left.ShouldNotContain(screen);
        left.ShouldContain(camera);
        (await Call(patient, id)).GetProperty("patientMayShareScreen").GetBoolean().ShouldBeFalse();

        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    /// <summary>
    /// Found on 2026-12-05 (fixed). A guest's call page asks for a seat: the host checks that they are admitted, then has Janus add
    /// their token. A removal committed between the two dropped a seat that did not exist yet, and Janus took the token just
    /// after: the removed guest kept a working token. The hook puts the doctor's removal exactly there.
    /// </summary>
    [Fact]
    public async Task Given_an_admitted_guest_When_the_doctor_removes_them_while_their_seat_is_being_issued_Then_they_get_no_seat_and_their_token_opens_nothing()
    {
        using var doctor = await Host.SignedInAsync(DoctorEmail);
        using var patient = await Host.SignedInAsync(PatientEmail);
        using var guest = await Host.SignedInAsync(GuestEmail);
        var id = await GroupCallApi.StartVideoConsultationAsync(doctor, patient);
        var guestId = await GroupCallApi.InviteAndKnockAsync(doctor, guest, id, GuestEmail, "family");
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/guests/{guestId}/admit")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var token = (await GroupCallApi.Call(guest, id)).GetProperty("sfu").GetProperty("token").GetString()!;
        using var janus = new JanusClient(hosts.Janus.ApiUrl);
        (await janus.CreateSessionAsync(token)).ShouldNotBeNull("an admitted guest's token opens Janus");

        hosts.Sfu.BeforeNextAdmit(async () =>
            await (await doctor.Http.DeleteAsync($"/api/v1/consultations/{id}/guests/{guestId}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent));
        var refused = await guest.GetAsync($"/api/v1/consultations/{id}/call");

        (await refused.ProblemCodeAsync()).ShouldBe("consultation.guest_not_admitted");
        (await janus.CreateSessionAsync(token)).ShouldBeNull("the seat Janus took after the removal is withdrawn again");
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }
}

[Collection(JanusCollection.Name)]
public sealed class GroupCallScenariosOnSqlite(GroupCallSqliteHosts hosts) : GroupCallScenarios(hosts), IClassFixture<GroupCallSqliteHosts>;

[Collection(JanusCollection.Name)]
public sealed class GroupCallScenariosOnPostgres(GroupCallPostgresHosts hosts) : GroupCallScenarios(hosts), IClassFixture<GroupCallPostgresHosts>
{
    /// <summary>
    /// Found failing on 2026-12-05 (fixed). The end of a consultation is committed, then its group call is closed: guests
    /// removed, the Janus room destroyed and every token withdrawn. That closing ran on the doctor's request token, so a doctor
    /// whose page went away at that moment left the guest in the room with a working token. PostgreSQL only: a row lock on the
    /// call's guests holds the closing back while the end itself commits (SQLite's one writer would hold the end back too).
    /// </summary>
    [Fact]
    public async Task Given_a_guest_in_the_Janus_room_When_the_doctors_end_request_is_aborted_after_the_end_commits_Then_the_room_is_still_closed_and_the_guests_token_withdrawn()
    {
        const string guestEmail = "sophie.turner@demo.telemed.dev";
        var host = hosts.Host;
        using var doctor = await host.SignedInAsync("lena.schneider@demo.telemed.dev");
        using var patient = await host.SignedInAsync("ksenia.orekhova@demo.telemed.dev");
        using var guest = await host.SignedInAsync(guestEmail);
        var id = await GroupCallApi.StartVideoConsultationAsync(doctor, patient);
        await GroupCallApi.AdmitGuestAsync(doctor, guest, id, guestEmail, "family");
        var token = (await GroupCallApi.Call(guest, id)).GetProperty("sfu").GetProperty("token").GetString()!;
        using var janus = new JanusClient(hosts.Janus.ApiUrl);
        (await janus.CreateSessionAsync(token)).ShouldNotBeNull("the admitted guest's token opens the room");

        var db = new RawDatabase(host);
        await AbortedCaller.AbortAfterCommitAsync(host, $"SELECT 1 FROM {db.Table("consultations", "call_guests")} WHERE \"ConsultationId\" = '{id}'",
            ct => doctor.Http.PostAsync($"/api/v1/consultations/{id}/end", null, ct),
            async connection => (await RawDatabase.RowsAsync(connection, $"SELECT \"Status\" FROM {db.Table("consultations", "consultations")} WHERE \"Id\" = '{id}'")).Single() == "Completed",
            "the end is committed");

        await AbortedCaller.EventuallyAsync(async () => await janus.CreateSessionAsync(token) is null, "the guest's token is withdrawn");
        (await (await guest.GetAsync($"/api/v1/consultations/{id}/guests/me")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("removed");
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    /// <summary>
    /// Found failing on 2026-12-05 (fixed). The first admission moves the call to a Janus room: the host read that the
    /// consultation had no room, opened one in Janus and stored it with the admission. Two first admissions at once (two
    /// guests let in by two clicks) both read "no room" and both opened a room of their own; one save then failed on the
    /// room's key, so that doctor got a 500 and its Janus room stayed open and empty until Janus restarted. PostgreSQL only:
    /// a SHARE lock on <c>call_rooms</c> lets both requests read and open their room, and holds both inserts back.
    /// </summary>
    [Fact]
    public async Task Given_two_waiting_guests_When_the_doctor_admits_both_at_once_Then_both_are_seated_in_one_Janus_room_and_no_other_room_is_left_open()
    {
        var host = hosts.Host;
        using var doctor = await host.SignedInAsync("lena.schneider@demo.telemed.dev");
        using var patient = await host.SignedInAsync("ksenia.orekhova@demo.telemed.dev");
        using var first = await host.SignedInAsync("sophie.turner@demo.telemed.dev");
        using var second = await host.SignedInAsync("oliver.grant@demo.telemed.dev");
        var id = await GroupCallApi.StartVideoConsultationAsync(doctor, patient);
        var firstId = await GroupCallApi.InviteAndKnockAsync(doctor, first, id, "sophie.turner@demo.telemed.dev", "interpreter");
        var secondId = await GroupCallApi.InviteAndKnockAsync(doctor, second, id, "oliver.grant@demo.telemed.dev", "family");
        using var janus = new JanusClient(hosts.Janus.ApiUrl);
        var rooms = await GroupCallApi.JanusRoomsAsync(hosts.Janus, janus);
        var before = await rooms();

        var answers = await GroupCallApi.RacingForTheRoomAsync(host,
        [
            () => doctor.PostAsync($"/api/v1/consultations/{id}/guests/{firstId}/admit"),
            () => doctor.PostAsync($"/api/v1/consultations/{id}/guests/{secondId}/admit"),
        ]);

        foreach (var answer in answers)
        {
            await answer.ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("admitted");
        }

        var room = await GroupCallApi.StoredRoomAsync(host, id);
        (await rooms()).Except(before).ShouldBe([room], "one Janus room for the call, and no other left open");
        foreach (var (name, client) in new[] { ("first guest", first), ("second guest", second), ("patient", patient) })
        {
            var seat = (await GroupCallApi.Call(client, id)).GetProperty("sfu");
            seat.GetProperty("room").GetInt64().ShouldBe(room, name);
            var token = seat.GetProperty("token").GetString()!;
            var session = (await janus.CreateSessionAsync(token)).ShouldNotBeNull(name);
            var joined = await janus.JoinAsPublisherAsync(session, await janus.AttachAsync(session, token), token, room, seat.GetProperty("feedId").GetInt64());
            joined.GetProperty("videoroom").GetString().ShouldBe("joined", $"{name}: {joined}");
        }

        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await rooms()).Except(before).ShouldBeEmpty("the end of the consultation leaves none of its rooms in Janus");
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    /// <summary>
    /// Found failing on 2026-12-05 (fixed). An admission checks that the consultation is in progress, opens the room in Janus and
    /// stores it with the guest; the end's closing reads the guests and the room once the end is committed. An end between the
    /// two read no room, so the room the admission stored next stayed open in Janus after the consultation ended (and the guest
    /// could be left admitted). PostgreSQL only: a SHARE lock on <c>call_rooms</c> holds the admission's insert back while the
    /// end commits and closes.
    /// </summary>
    [Fact]
    public async Task Given_a_first_admission_waiting_to_store_its_room_When_the_consultation_ends_meanwhile_Then_the_admission_is_refused_and_no_room_of_the_call_stays_open()
    {
        var host = hosts.Host;
        using var doctor = await host.SignedInAsync("lena.schneider@demo.telemed.dev");
        using var patient = await host.SignedInAsync("ksenia.orekhova@demo.telemed.dev");
        using var guest = await host.SignedInAsync("sophie.turner@demo.telemed.dev");
        var id = await GroupCallApi.StartVideoConsultationAsync(doctor, patient);
        var guestId = await GroupCallApi.InviteAndKnockAsync(doctor, guest, id, "sophie.turner@demo.telemed.dev", "family");
        using var janus = new JanusClient(hosts.Janus.ApiUrl);
        var rooms = await GroupCallApi.JanusRoomsAsync(hosts.Janus, janus);
        var before = await rooms();

        var db = new RawDatabase(host);
        var table = db.Table("consultations", "call_rooms");
        Task<HttpResponseMessage> admit, end;
        await using (var connection = await db.OpenAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = $"LOCK TABLE {table} IN SHARE MODE";
                await command.ExecuteNonQueryAsync();
            }

            async Task<int> WaitingAsync() =>
                int.Parse((await RawDatabase.RowsAsync(connection, "SELECT count(*) FROM pg_locks WHERE NOT granted")).Single());
            admit = Task.Run(() => doctor.PostAsync($"/api/v1/consultations/{id}/guests/{guestId}/admit"));
            await AbortedCaller.EventuallyAsync(async () => await WaitingAsync() == 1, "the admission opened its room and waits to store it");
            end = Task.Run(() => doctor.PostAsync($"/api/v1/consultations/{id}/end"));
            await AbortedCaller.EventuallyAsync(async () => end.IsCompleted || await WaitingAsync() >= 2, "the end committed and its closing ran (or waits for the guest's row)");
            await transaction.RollbackAsync();
        }

        await (await end.WaitAsync(TimeSpan.FromSeconds(30))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var admitted = await admit.WaitAsync(TimeSpan.FromSeconds(30));
        await AbortedCaller.EventuallyAsync(async () => !(await rooms()).Except(before).Any(), "no room of the ended call stays open in Janus");
        (await admitted.ProblemCodeAsync()).ShouldBe("consultation.call_closed");
        (await (await guest.GetAsync($"/api/v1/consultations/{id}/guests/me")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("removed");
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    /// <summary>
    /// Found on 2026-12-05 (fixed). The doctor admits a waiting guest and, at the same moment (another tab, another device),
    /// removes them. The admission read the guest as waiting, the removal was stored, and the admission then wrote "admitted"
    /// over "removed": the guest the doctor had just removed could take a seat. PostgreSQL only: the test's own transaction
    /// stores the removal, as RemoveAsync does, while the admission waits on the guest's row.
    /// </summary>
    [Fact]
    public async Task Given_a_waiting_guest_When_a_removal_is_stored_while_the_admission_is_saving_Then_the_admission_is_refused_and_the_guest_stays_removed()
    {
        var host = hosts.Host;
        using var doctor = await host.SignedInAsync("lena.schneider@demo.telemed.dev");
        using var patient = await host.SignedInAsync("ksenia.orekhova@demo.telemed.dev");
        using var guest = await host.SignedInAsync("sophie.turner@demo.telemed.dev");
        var id = await GroupCallApi.StartVideoConsultationAsync(doctor, patient);
        var guestId = await GroupCallApi.InviteAndKnockAsync(doctor, guest, id, "sophie.turner@demo.telemed.dev", "family");
        using var janus = new JanusClient(hosts.Janus.ApiUrl);
        var rooms = await GroupCallApi.JanusRoomsAsync(hosts.Janus, janus);
        var before = await rooms();

        var db = new RawDatabase(host);
        var table = db.Table("consultations", "call_guests");
        await using var connection = await db.OpenAsync();
        Task<HttpResponseMessage> admission;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = $"UPDATE {table} SET \"Status\" = 'Removed', \"RemovedAt\" = now(), \"Version\" = \"Version\" + 1 WHERE \"Id\" = '{guestId}'";
                (await command.ExecuteNonQueryAsync()).ShouldBe(1);
            }

            admission = Task.Run(() => doctor.PostAsync($"/api/v1/consultations/{id}/guests/{guestId}/admit"));
            // pg_locks, not pg_stat_activity: the latter is read once per transaction, and this poll runs inside the test's.
            await AbortedCaller.EventuallyAsync(async () => int.Parse((await RawDatabase.RowsAsync(connection,
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted")).Single()) > 0,
                "the admission waits on the guest's row");
            await transaction.CommitAsync();
        }

        var answer = await admission.WaitAsync(TimeSpan.FromSeconds(60));
        (await answer.ProblemCodeAsync()).ShouldBe("conflict.concurrent_update");
        (await (await guest.GetAsync($"/api/v1/consultations/{id}/guests/me")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()
            .ShouldBe("removed");
        (await rooms()).Except(before).ShouldBeEmpty("the room the refused admission opened is destroyed");
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }
}

/// <summary>Group call classes run one after another: each starts a Janus of its own, and the machine has two cores.</summary>
[CollectionDefinition(Name)]
public sealed class JanusCollection
{
    public const string Name = "janus";
}

/// <summary>What the group call and recording scenarios do through the API.</summary>
internal static class GroupCallApi
{
    /// <summary>GET /call, which must answer 200.</summary>
    public static async Task<JsonElement> Call(ApiClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/v1/consultations/{id}/call");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The doctor invites the guest (by e-mail, in a role), the guest knocks, the doctor admits them: the call moves to the SFU room.</summary>
    public static async Task AdmitGuestAsync(ApiClient doctor, ApiClient guest, Guid id, string guestEmail, string role)
    {
        var guestId = await InviteAndKnockAsync(doctor, guest, id, guestEmail, role);
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/guests/{guestId}/admit")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    /// <summary>The doctor invites the guest and the guest knocks: the guest's id, waiting to be admitted.</summary>
    public static async Task<Guid> InviteAndKnockAsync(ApiClient doctor, ApiClient guest, Guid id, string guestEmail, string role)
    {
        var invited = await doctor.PostAsync($"/api/v1/consultations/{id}/guests", new { email = guestEmail, role });
        await invited.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var guestId = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("guestId").GetGuid();
        await (await guest.PostAsync($"/api/v1/consultations/{id}/guests/me/knock")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return guestId;
    }

    /// <summary>
    /// Sends <paramref name="requests"/> at once while a SHARE lock on <c>call_rooms</c> lets them read (no room yet) but not
    /// insert, waits until every one of them waits to store the consultation's room (each has asked Janus to open it by then),
    /// and lets them go: first moves to the SFU racing each other, as on two hosts. PostgreSQL only.
    /// </summary>
    public static async Task<HttpResponseMessage[]> RacingForTheRoomAsync(TelemedHost host, IReadOnlyList<Func<Task<HttpResponseMessage>>> requests)
    {
        var db = new RawDatabase(host);
        db.IsPostgres.ShouldBeTrue("the inserts are held back by a PostgreSQL table lock");
        var table = db.Table("consultations", "call_rooms");
        await using var connection = await db.OpenAsync();
        Task<HttpResponseMessage[]> sent;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = $"LOCK TABLE {table} IN SHARE MODE";
                await command.ExecuteNonQueryAsync();
            }

            sent = Task.WhenAll(requests.Select(r => Task.Run(r)));
            await AbortedCaller.EventuallyAsync(async () =>
                    int.Parse((await RawDatabase.RowsAsync(connection, $"SELECT count(*) FROM pg_locks WHERE relation = '{table}'::regclass AND NOT granted")).Single()) == requests.Count,
                "every request waits to store the room");
            await transaction.RollbackAsync();
        }

        return await sent.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>The Janus room id stored for the consultation (exactly one row).</summary>
    public static async Task<long> StoredRoomAsync(TelemedHost host, Guid id)
    {
        var db = new RawDatabase(host);
        await using var connection = await db.OpenAsync();
        var rows = await RawDatabase.RowsAsync(connection, $"SELECT \"RoomId\" FROM {db.Table("consultations", "call_rooms")} WHERE \"ConsultationId\" = '{id}'");
        return long.Parse(rows.ShouldHaveSingleItem("one room row for the consultation"));
    }

    /// <summary>A way to list every room Janus has now (private ones included), through a token of the test's own.</summary>
    public static async Task<Func<Task<IReadOnlyList<long>>>> JanusRoomsAsync(JanusServer server, JanusClient janus)
    {
        var probe = Guid.NewGuid().ToString("N");
        await server.AdminAsync("add_token", new() { ["token"] = probe, ["plugins"] = new[] { "janus.plugin.videoroom" } });
        return async () =>
        {
            // A session each time: Janus times idle sessions out.
            var session = (await janus.CreateSessionAsync(probe)).ShouldNotBeNull();
            return await janus.RoomIdsAsync(session, await janus.AttachAsync(session, probe), probe, server.RoomAdminKey);
        };
    }

    /// <summary>An on-demand dermatology video consultation the doctor (put on duty) accepted.</summary>
    public static async Task<Guid> StartVideoConsultationAsync(ApiClient doctor, ApiClient patient)
    {
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand", new { specialty = "dermatology", kind = "video", complaint = Complaint(["left-arm"], 3, "weeks", description: "a rash") });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return id;
    }
}
