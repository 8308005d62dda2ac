using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Clinical;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Privacy.Contracts;

namespace Telemed.IntegrationTests.Scenarios.Privacy;

/// <summary>
/// Consents with versioned texts (docs/privacy.md): the patient gives and withdraws with time stamps and a kept history;
/// a newly published text asks again; other modules ask <see cref="IConsents"/>; nobody else reads or answers them.
/// </summary>
public abstract class ConsentScenarios(TelemedHost host)
{
    private const string PatientEmail = "svetlana.pavlova@demo.telemed.dev";

    private static JsonElement Kind(JsonElement consents, string kind) => consents.EnumerateArray().Single(c => c.GetProperty("kind").GetString() == kind);

    private async Task<bool> HasConsentAsync(Guid patientId, string kind)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IConsents>().HasConsentAsync(patientId, kind);
    }

    [Fact]
    public async Task Given_a_consent_already_given_to_the_current_text_When_it_is_given_again_Then_the_answer_is_the_same_and_the_history_gains_no_row()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"consent-{tag}@example.test";
        using (var scope = host.Services.CreateScope())
        {
            var userId = await scope.ServiceProvider.GetRequiredService<IIdentityModule>().EnsureUserAsync(new NewUser(email, Demo.Password, $"Consent Patient {tag}", ["Patient"]));
            await scope.ServiceProvider.GetRequiredService<IDirectoryModule>().EnsurePatientProfileAsync(new NewPatientProfile(userId, "Consent", $"Patient{tag}",
                new DateOnly(1985, 5, 5), "female", email, "+7 900 222 3344", "Arbat 1, Moscow", "en", "Acme", "P-1", [], []));
        }

        using var patient = await host.SignedInAsync(email);
        var version = Kind(await patient.GetJsonAsync<JsonElement>("/api/v1/me/consents"), "recording").GetProperty("currentVersion").GetInt32();

        async Task<JsonElement> GiveAsync()
        {
            var answer = await patient.PostAsync("/api/v1/me/consents/recording/give", new { version });
            await answer.ShouldHaveStatusAsync(HttpStatusCode.OK);
            return Kind(await answer.Content.ReadFromJsonAsync<JsonElement>(), "recording");
        }

        var first = await GiveAsync();
        var second = await GiveAsync();

        second.GetProperty("status").GetString().ShouldBe("given");
        second.GetProperty("history").GetArrayLength().ShouldBe(1, "a second give of the same text is no new decision");
        second.GetProperty("history")[0].GetProperty("decidedAt").GetDateTime().ShouldBe(first.GetProperty("history")[0].GetProperty("decidedAt").GetDateTime());

        await (await patient.PostAsync("/api/v1/me/consents/recording/withdraw")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await GiveAsync()).GetProperty("history").GetArrayLength().ShouldBe(3, "giving after a withdrawal is a new decision");
    }

    [Fact]
    public async Task Given_a_patient_When_they_give_and_withdraw_and_a_new_text_is_published_Then_history_is_kept_and_consent_is_asked_again()
    {
        using var patient = await host.SignedInAsync(PatientEmail);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        var consents = await patient.GetJsonAsync<JsonElement>("/api/v1/me/consents");
        consents.GetArrayLength().ShouldBe(4);
        var recording = Kind(consents, "recording");
        var version = recording.GetProperty("currentVersion").GetInt32();
        recording.GetProperty("text").GetString()!.ShouldContain("recorded");

        using var russian = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/consents");
        russian.Headers.AcceptLanguage.ParseAdd("ru");
        Kind(await (await patient.Http.SendAsync(russian)).Content.ReadFromJsonAsync<JsonElement>(), "recording").GetProperty("text").GetString()!.ShouldMatch("[а-яА-Я]");

        var given = await patient.PostAsync("/api/v1/me/consents/recording/give", new { version });
        await given.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Kind(await given.Content.ReadFromJsonAsync<JsonElement>(), "recording").GetProperty("status").GetString().ShouldBe("given");
        (await HasConsentAsync(patientId, ConsentKinds.Recording)).ShouldBeTrue();

        var withdrawn = await patient.PostAsync("/api/v1/me/consents/recording/withdraw");
        await withdrawn.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var afterWithdraw = Kind(await withdrawn.Content.ReadFromJsonAsync<JsonElement>(), "recording");
        afterWithdraw.GetProperty("status").GetString().ShouldBe("withdrawn");
        var history = afterWithdraw.GetProperty("history").EnumerateArray().ToList();
        history.Count.ShouldBeGreaterThanOrEqualTo(2);
        history[0].GetProperty("given").GetBoolean().ShouldBeFalse();
        history[1].GetProperty("given").GetBoolean().ShouldBeTrue();
        history[0].GetProperty("decidedAt").GetDateTime().ShouldBeGreaterThanOrEqualTo(history[1].GetProperty("decidedAt").GetDateTime());
        (await HasConsentAsync(patientId, ConsentKinds.Recording)).ShouldBeFalse();
        var again = await patient.PostAsync("/api/v1/me/consents/recording/withdraw");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ProblemCodeAsync()).ShouldBe("privacy.consent_not_given");

        await (await patient.PostAsync("/api/v1/me/consents/notifications/give", new { version = Kind(consents, "notifications").GetProperty("currentVersion").GetInt32() }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await HasConsentAsync(patientId, ConsentKinds.Notifications)).ShouldBeTrue();

        // The admin publishes a new notifications text: the patient is asked again, and the old version can no longer be given.
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var published = await admin.PostAsync("/api/v1/admin/consent-texts/notifications", new { textEn = "Reminders by e-mail, SMS and push.", textRu = "Напоминания по почте, SMS и push." });
        await published.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var newVersion = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        var notifications = Kind(await patient.GetJsonAsync<JsonElement>("/api/v1/me/consents"), "notifications");
        notifications.GetProperty("status").GetString().ShouldBe("renewalNeeded");
        notifications.GetProperty("currentVersion").GetInt32().ShouldBe(newVersion);
        notifications.GetProperty("text").GetString().ShouldBe("Reminders by e-mail, SMS and push.");
        (await HasConsentAsync(patientId, ConsentKinds.Notifications)).ShouldBeFalse();
        var outdated = await patient.PostAsync("/api/v1/me/consents/notifications/give", new { version = newVersion - 1 });
        outdated.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await outdated.ProblemCodeAsync()).ShouldBe("privacy.consent_version_outdated");
        await (await patient.PostAsync("/api/v1/me/consents/notifications/give", new { version = newVersion })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await HasConsentAsync(patientId, ConsentKinds.Notifications)).ShouldBeTrue();

        // Bad input and strangers.
        var unknown = await patient.PostAsync("/api/v1/me/consents/marketing/give", new { version = 1 });
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.ProblemCodeAsync()).ShouldBe("privacy.consent_kind_unknown");
        (await patient.PostAsync("/api/v1/me/consents/recording/give", new { version = 0 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostAsync("/api/v1/admin/consent-texts/recording", new { textEn = "", textRu = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await patient.PostAsync("/api/v1/admin/consent-texts/recording", new { textEn = "x", textRu = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var other = await host.SignedInAsync("oliver.grant@demo.telemed.dev");
        var stranger = await other.GetAsync($"/api/v1/me/consents?patientId={patientId}");
        stranger.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.ProblemCodeAsync()).ShouldBe("privacy.patient_not_found");
        (await other.PostAsync($"/api/v1/me/consents/recording/give?patientId={patientId}", new { version })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

[Collection("clinical-sqlite")]
public sealed class ConsentScenariosOnSqlite(ClinicalSqliteHost host) : ConsentScenarios(host);

[Collection("clinical-postgres")]
public sealed class ConsentScenariosOnPostgres(ClinicalPostgresHost host) : ConsentScenarios(host);
