using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// A protocol's referral targets are coded fields: a specialist referral to "astrology" (or "Cardiology " as typed), a lab referral
/// to LOINC "2345-8" (wrong check digit) or to a code outside the lab catalogue, and the same referral twice were all saved as typed.
/// Now each is 422 naming <c>referrals[i].target</c>, nothing is saved, and a known target is stored as its code.
/// </summary>
public abstract class ProtocolReferralScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_a_consultation_in_progress_When_a_referral_names_an_unknown_target_or_repeats_Then_it_is_422_naming_it_and_a_known_one_is_stored_as_its_code()
    {
        using var doctor = await host.SignedInAsync("alexei.sokolov@demo.telemed.dev");
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var patient = await host.SignedInAsync("viktor.zaitsev@demo.telemed.dev");
        var id = await OnDemandAsync(patient, "neurology", "video", Complaint(["head"], 2, "days", [], "Palpitations and headache"));
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var path = $"/api/v1/consultations/{id}/protocol";

        object Protocol(int version, params object[] referrals) => new
        {
            version, complaints = "Palpitations", historyOfPresentIllness = "", objectiveFindings = "", recommendations = "",
            diagnoses = Array.Empty<object>(), referrals, followUpOn = (string?)null,
        };

        static object Referral(string kind, string target, string? note = null) => new { kind, target, note };

        try
        {
            // An earlier version to come back to.
            var first = await doctor.PutAsync(path, Protocol(0, Referral("inPersonVisit", "", "See a neurologist in person.")));
            await first.ShouldHaveStatusAsync(HttpStatusCode.OK);
            var earlier = (await doctor.GetJsonAsync<JsonElement>(path)).GetRawText();

            var refusals = new (object Body, string Code, string Field, string Why)[]
            {
                (Protocol(1, Referral("specialist", "astrology")), "clinical.unknown_referral_target", "referrals[0].target", "no specialty"),
                (Protocol(1, Referral("inPersonVisit", ""), Referral("labTest", "2345-8")), "clinical.unknown_referral_target", "referrals[1].target",
                    "a LOINC code with a wrong check digit"),
                (Protocol(1, Referral("labTest", "2339-0")), "clinical.unknown_referral_target", "referrals[0].target", "a LOINC code not in the lab catalogue"),
                (Protocol(1, Referral("specialist", "cardiology"), Referral("specialist", " Cardiology ")), "clinical.duplicate_referral", "referrals[1].target",
                    "the same specialty twice"),
                (Protocol(1, Referral("labTest", "2345-7"), Referral("labTest", "2345-7 ")), "clinical.duplicate_referral", "referrals[1].target",
                    "the same test twice"),
            };
            foreach (var (body, code, field, why) in refusals)
            {
                var refused = await doctor.PutAsync(path, body);
                refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, why);
                var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
                problem.GetProperty("code").GetString().ShouldBe(code, why);
                problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([field], why);
                (await doctor.GetJsonAsync<JsonElement>(path)).GetRawText().ShouldBe(earlier, $"nothing saved for {why}");
            }

            var saved = await doctor.PutAsync(path, Protocol(1, Referral("specialist", "Cardiology "), Referral("labTest", " 2345-7"),
                Referral("labTest", "Fasting glucose")));
            await saved.ShouldHaveStatusAsync(HttpStatusCode.OK);
            var stored = (await doctor.GetJsonAsync<JsonElement>(path)).GetProperty("referrals").EnumerateArray().Select(r => r.GetProperty("target").GetString()).ToList();
            stored.ShouldBe(["cardiology", "2345-7", "Fasting glucose"], "a specialty and a LOINC code as their codes; a test's name as typed");
        }
        finally
        {
            await doctor.PostAsync($"/api/v1/consultations/{id}/end");
            await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
        }
    }
}

[Collection("clinical-sqlite")]
public sealed class ProtocolReferralScenariosOnSqlite(ClinicalSqliteHost host) : ProtocolReferralScenarios(host);

[Collection("clinical-postgres")]
public sealed class ProtocolReferralScenariosOnPostgres(ClinicalPostgresHost host) : ProtocolReferralScenarios(host);
