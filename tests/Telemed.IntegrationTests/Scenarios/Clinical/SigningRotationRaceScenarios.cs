using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// A doctor's signing certificate rotated twice at once (a double click, two tabs). Both rotations revoked the same old certificate
/// and each issued one, so one of the answers named a certificate already superseded by the other. Rotation is now serialised by the
/// old certificate's revocation: exactly one wins, the others are told 409 <c>conflict.concurrent_update</c> and issue nothing.
/// The first certificate, issued on first use, is one per doctor too (a unique index over the unrevoked ones).
/// </summary>
public abstract class SigningRotationRaceScenarios(TelemedHost host)
{
    // The administrator's list, a page at a time: every certificate of this doctor fits one page here.
    private const string VolkovsCredentials = "/api/v1/admin/signing/credentials?doctor=Sergey%20Volkov&pageSize=100";

    [Fact]
    public async Task Given_a_doctors_certificate_When_it_is_rotated_four_times_at_once_Then_overlapping_ones_are_refused_and_one_certificate_is_active()
    {
        using var doctor = await host.SignedInAsync("sergey.volkov@demo.telemed.dev");
        var before = await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/signing/credential");
        var doctorUserId = before.GetProperty("doctorUserId").GetGuid();
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        async Task<List<JsonElement>> CredentialsAsync() => (await admin.GetJsonAsync<JsonElement>(VolkovsCredentials)).GetProperty("items").EnumerateArray()
            .Where(c => c.GetProperty("doctorUserId").GetGuid() == doctorUserId).ToList();
        var issuedBefore = (await CredentialsAsync()).Count;

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => doctor.PostAsync("/api/v1/clinical/signing/credential/rotate")));

        // Then rotations that overlapped were refused (one that started after another had finished is a rotation of its own, and
        // on a fast machine some do): every answer is a new certificate or 409, and whatever overlapped left one active certificate
        // (before, two overlapping rotations both revoked the old one and left two active, one of them already superseded)
        var issued = answers.Where(a => a.StatusCode == HttpStatusCode.OK).ToList();
        issued.ShouldNotBeEmpty();
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await refused.ProblemCodeAsync()).ShouldBe("conflict.concurrent_update");
        }

        var issuedIds = new List<Guid>();
        foreach (var answer in issued)
        {
            issuedIds.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var current = (await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/signing/credential")).GetProperty("id").GetGuid();
        issuedIds.ShouldContain(current);
        var mine = await CredentialsAsync();
        mine.Where(c => c.GetProperty("revokedAt").ValueKind == JsonValueKind.Null).Select(c => c.GetProperty("id").GetGuid()).ShouldBe([current]);
        mine.Single(c => c.GetProperty("id").GetGuid() == before.GetProperty("id").GetGuid()).GetProperty("revocationReason").GetString().ShouldBe("superseded");
        // Nothing issued by the refused rotations: one certificate per rotation answered 200, each but the current one superseded.
        mine.Count.ShouldBe(issuedBefore + issued.Count);
        mine.Where(c => issuedIds.Contains(c.GetProperty("id").GetGuid()) && c.GetProperty("id").GetGuid() != current)
            .ShouldAllBe(c => c.GetProperty("revocationReason").GetString() == "superseded");
    }

    [Fact]
    public async Task Given_a_rotation_sent_again_with_its_Idempotency_Key_Then_it_is_answered_with_the_certificate_it_issued_and_rotates_nothing_more()
    {
        // Before, a retried rotation (its answer lost) rotated again or, sent twice at once, was told 409: the doctor could not learn
        // which certificate their request had issued.
        using var doctor = await host.SignedInAsync("sergey.volkov@demo.telemed.dev");
        var doctorUserId = (await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/signing/credential")).GetProperty("doctorUserId").GetGuid();
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        async Task<int> IssuedAsync() => (await admin.GetJsonAsync<JsonElement>(VolkovsCredentials)).GetProperty("items").EnumerateArray()
            .Count(c => c.GetProperty("doctorUserId").GetGuid() == doctorUserId);
        async Task<Guid> RotatedIdAsync(HttpResponseMessage answer)
        {
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
            return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        const string Rotate = "/api/v1/clinical/signing/credential/rotate";
        var before = await IssuedAsync();
        var key = Guid.NewGuid().ToString();
        var first = await RotatedIdAsync(await doctor.PostWithKeyAsync(Rotate, new { }, key));
        (await RotatedIdAsync(await doctor.PostWithKeyAsync(Rotate, new { }, key))).ShouldBe(first);
        (await IssuedAsync()).ShouldBe(before + 1);

        var raceKey = Guid.NewGuid().ToString();
        var raced = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => doctor.PostWithKeyAsync(Rotate, new { }, raceKey)));
        var racedIds = await Task.WhenAll(raced.Select(RotatedIdAsync));
        racedIds.Distinct().Count().ShouldBe(1, "every send of one rotation names the certificate it issued");
        racedIds[0].ShouldNotBe(first);
        (await IssuedAsync()).ShouldBe(before + 2);
        var current = await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/signing/credential");
        current.GetProperty("id").GetGuid().ShouldBe(racedIds[0]);
        // The administrator's list names each certificate's doctor as the directory does now (the web's revocation page shows it).
        var name = current.GetProperty("doctorName").GetString();
        name.ShouldNotBeNullOrWhiteSpace();
        (await admin.GetJsonAsync<JsonElement>(VolkovsCredentials)).GetProperty("items").EnumerateArray()
            .Where(c => c.GetProperty("doctorUserId").GetGuid() == doctorUserId).ShouldAllBe(c => c.GetProperty("doctorName").GetString() == name);

        var tooLong = await doctor.PostWithKeyAsync(Rotate, new { }, new string('k', 101));
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.ProblemCodeAsync()).ShouldBe("idempotency.key_invalid");
        (await IssuedAsync()).ShouldBe(before + 2);
    }

    [Fact]
    public async Task Given_a_doctor_without_an_active_certificate_When_four_signatures_ask_for_one_at_once_Then_one_is_issued_and_every_answer_names_it()
    {
        // Before, each of two first signatures at once found no certificate and issued one: a doctor with two active certificates.
        using var doctor = await host.SignedInAsync("sergey.volkov@demo.telemed.dev");
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var old = await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/signing/credential");
        var doctorUserId = old.GetProperty("doctorUserId").GetGuid();
        (await admin.PostAsync($"/api/v1/admin/signing/credentials/{old.GetProperty("id").GetGuid()}/revoke", new { reason = "withdrawn" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => doctor.GetAsync("/api/v1/clinical/signing/credential")));

        var ids = new List<Guid>();
        foreach (var answer in answers)
        {
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
            ids.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        ids.Distinct().Count().ShouldBe(1, "every answer names the one certificate issued");
        var active = (await admin.GetJsonAsync<JsonElement>(VolkovsCredentials)).GetProperty("items").EnumerateArray()
            .Where(c => c.GetProperty("doctorUserId").GetGuid() == doctorUserId && c.GetProperty("revokedAt").ValueKind == JsonValueKind.Null)
            .Select(c => c.GetProperty("id").GetGuid()).ToList();
        active.ShouldBe([ids[0]]);
    }
}

public sealed class SigningRotationRaceScenariosOnSqlite(SqliteHost host) : SigningRotationRaceScenarios(host), IClassFixture<SqliteHost>;

public sealed class SigningRotationRaceScenariosOnPostgres(PostgresHost host) : SigningRotationRaceScenarios(host), IClassFixture<PostgresHost>;
