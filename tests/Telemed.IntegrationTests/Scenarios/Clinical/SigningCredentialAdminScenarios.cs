using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// The administrator's signing-certificate list and revocation, tried as an administrator at work would: a certificate revoked twice
/// (a second tab, a retry, or a doctor's rotation that superseded it a moment before) was answered 200 and the audit trail gained a
/// second revocation with the new reason that never took place (the certificate kept its first); and the list was the 500 newest
/// certificates, filtered by the page, so once 500 more had been issued (every rotation issues one) a doctor's active certificate was
/// in no list and could not be revoked.
/// </summary>
public abstract class SigningCredentialAdminScenarios(TelemedHost host)
{
    private const string Credentials = "/api/v1/admin/signing/credentials";

    [Fact]
    public async Task Given_a_revoked_certificate_When_an_administrator_revokes_it_again_with_another_reason_Then_it_is_409_and_the_certificate_and_the_trail_keep_the_first_revocation()
    {
        using var doctor = await host.SignedInAsync("natalia.lebedeva@demo.telemed.dev");
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var withdrawn = (await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/signing/credential")).GetProperty("id").GetGuid();
        (await admin.PostAsync($"{Credentials}/{withdrawn}/revoke", new { reason = "withdrawn" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The doctor's next certificate, superseded by a rotation the administrator did not see.
        var superseded = (await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/signing/credential")).GetProperty("id").GetGuid();
        (await doctor.PostAsync("/api/v1/clinical/signing/credential/rotate")).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var (id, reason) in new[] { (withdrawn, "withdrawn"), (superseded, "superseded") })
        {
            // When an administrator revokes it as compromised
            var again = await admin.PostAsync($"{Credentials}/{id}/revoke", new { reason = "keyCompromise" });

            // Then it is refused, and the certificate keeps its revocation and reason
            again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await again.ProblemCodeAsync()).ShouldBe("clinical.credential_already_revoked");
            var listed = (await admin.GetJsonAsync<JsonElement>($"{Credentials}?status=revoked&doctor=Lebedeva&pageSize=100")).GetProperty("items").EnumerateArray()
                .Single(c => c.GetProperty("id").GetGuid() == id);
            listed.GetProperty("revocationReason").GetString().ShouldBe(reason);
            // and the trail holds only the revocations that took place (before, a second one "keyCompromise")
            var trail = (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=signing.credential_revoked&recordId={id}&pageSize=50"))
                .GetProperty("items");
            trail.GetArrayLength().ShouldBe(reason == "withdrawn" ? 1 : 0, trail.ToString());
        }
    }

    [Fact]
    public async Task Given_500_certificates_issued_after_a_doctors_active_one_When_an_administrator_lists_the_active_ones_Then_it_is_listed_and_the_list_is_paged()
    {
        using var kozlov = await host.SignedInAsync("dmitry.kozlov@demo.telemed.dev");
        using var volkov = await host.SignedInAsync("sergey.volkov@demo.telemed.dev");
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var active = (await kozlov.GetJsonAsync<JsonElement>("/api/v1/clinical/signing/credential")).GetProperty("id").GetGuid();
        var source = (await volkov.GetJsonAsync<JsonElement>("/api/v1/clinical/signing/credential")).GetProperty("id").GetGuid();
        // Given 500 certificates issued after it (another doctor's rotations: each a revoked copy of his certificate, a second apart)
        await IssueRevokedCopiesAsync(source, 500);

        // When the administrator lists the active certificates, and looks for Kozlov's
        var firstPage = await admin.GetJsonAsync<JsonElement>($"{Credentials}?status=active&pageSize=100");
        var kozlovs = await admin.GetJsonAsync<JsonElement>($"{Credentials}?status=active&doctor=kozlov");

        // Then his active certificate is there (before, the 500 newest were all revoked ones and the page's filter found nothing)
        firstPage.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldContain(active);
        firstPage.GetProperty("items").EnumerateArray().ShouldAllBe(c => c.GetProperty("status").GetString() == "active");
        kozlovs.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldBe([active]);
        kozlovs.GetProperty("items")[0].GetProperty("doctorName").GetString().ShouldBe("Dmitry Kozlov");
        // and the whole list is paged, newest first, with its total
        var all = await admin.GetJsonAsync<JsonElement>($"{Credentials}?pageSize=100&page=2");
        all.GetProperty("total").GetInt32().ShouldBeGreaterThan(500);
        all.GetProperty("page").GetInt32().ShouldBe(2);
        all.GetProperty("items").GetArrayLength().ShouldBe(100);
        var issued = all.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("issuedAt").GetDateTime()).ToList();
        issued.ShouldBe(issued.OrderByDescending(t => t).ToList());

        // Filters out of range are refused naming the field, not read as "everything"
        foreach (var (query, field) in new[]
                 {
                     ("status=bogus", "status"), ($"doctor={new string('a', 101)}", "doctor"), ("pageSize=101", "pageSize"), ("pageSize=-1", "pageSize"),
                     ("page=0", "page"),
                 })
        {
            var refused = await admin.GetAsync($"{Credentials}?{query}");
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("code").GetString().ShouldBe("validation.failed");
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(query);
        }
    }

    /// <summary>Copies of the certificate <paramref name="sourceId"/>, each revoked and issued a second after the one before.</summary>
    private async Task IssueRevokedCopiesAsync(Guid sourceId, int count)
    {
        var raw = new RawDatabase(host);
        var table = raw.Table("clinical", "signing_credentials");
        var sql = raw.IsPostgres
            ? $"""
               INSERT INTO {table} ("Id", "DoctorUserId", "SubjectName", "SerialNumber", "CertificateDer", "PrivateKey", "IssuedAt", "NotAfter", "RevokedAt", "RevocationReason")
               SELECT ('00000000-0000-0000-0000-' || lpad(n::text, 12, '0'))::uuid, "DoctorUserId", "SubjectName", 'F' || lpad(n::text, 31, '0'), "CertificateDer",
                      "PrivateKey", "IssuedAt" + n * interval '1 second', "NotAfter", "IssuedAt" + n * interval '1 second', 'superseded'
               FROM {table}, generate_series(1, {count}) AS n WHERE "Id" = '{sourceId}'
               """
            : $"""
               WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
               INSERT INTO {table} ("Id", "DoctorUserId", "SubjectName", "SerialNumber", "CertificateDer", "PrivateKey", "IssuedAt", "NotAfter", "RevokedAt", "RevocationReason")
               SELECT printf('00000000-0000-0000-0000-%012d', i), "DoctorUserId", "SubjectName", printf('F%031d', i), "CertificateDer", "PrivateKey",
                      strftime('%Y-%m-%d %H:%M:%f', "IssuedAt", '+' || i || ' seconds'), "NotAfter", strftime('%Y-%m-%d %H:%M:%f', "IssuedAt", '+' || i || ' seconds'), 'superseded'
               FROM {table}, n WHERE "Id" = '{sourceId.ToString().ToUpperInvariant()}'
               """;
        await using var connection = await raw.OpenAsync();
        (await RawDatabase.ExecuteAsync(connection, sql)).ShouldBe(count);
    }
}

public sealed class SigningCredentialAdminScenariosOnSqlite(SqliteHost host) : SigningCredentialAdminScenarios(host), IClassFixture<SqliteHost>;

public sealed class SigningCredentialAdminScenariosOnPostgres(PostgresHost host) : SigningCredentialAdminScenarios(host), IClassFixture<PostgresHost>;
