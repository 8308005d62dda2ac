using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Fhir;

/// <summary>
/// What an attacker walk against the FHIR API found: an id named twice in an OR list answered twice, and Slot searches whose
/// candidates were cut at the load limit while the Bundle's total and paging passed the cut answer off as the whole one.
/// </summary>
public abstract class FhirAttackScenarios(FhirHost host)
{
    [Fact]
    public async System.Threading.Tasks.Task Given_an_id_repeated_in_an_OR_list_When_a_patient_searches_Then_each_record_is_answered_once()
    {
        var (email, _, patientId) = await host.NewPatientAsync("dup" + Guid.NewGuid().ToString("N")[..8]);
        using var patient = await host.SignedInAsync(email);

        foreach (var type in new[] { "AllergyIntolerance", "Condition", "AuditEvent", "MedicationStatement", "Consent", "Communication" })
        {
            var once = (await patient.FhirAsync($"{type}?patient={patientId}&_count=100")).Bundle();
            foreach (var repeated in new[] { $"{patientId},{patientId}", $"{patientId},Patient/{patientId},{patientId.ToString().ToUpperInvariant()}" })
            {
                var twice = (await patient.FhirAsync($"{type}?patient={Uri.EscapeDataString(repeated)}&_count=100")).Bundle();
                twice.Total.ShouldBe(once.Total, type);
                twice.Entry.Select(e => e.FullUrl).ShouldBeUnique(type);
            }
        }

        (await patient.FhirAsync($"AllergyIntolerance?patient={patientId}")).Bundle().Total.ShouldBe(1);
        var fifty = string.Join(',', Enumerable.Repeat(patientId.ToString(), 50));
        var patients = (await patient.FhirAsync($"Patient?_id={fifty}")).Bundle();
        patients.Total.ShouldBe(1);
        patients.Entry.Count.ShouldBe(1);
    }

    [Fact]
    public async System.Threading.Tasks.Task Given_a_forged_Host_header_When_a_client_searches_reads_metadata_or_everything_Then_every_link_is_the_servers_own()
    {
        using var patient = await host.SignedInAsync("mikhail.vasiliev@demo.telemed.dev");
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        var own = host.BaseAddress.ToString().TrimEnd('/') + "/fhir/R4";

        foreach (var path in new[] { "DocumentReference?_count=1", "Patient?_count=1", "Slot?_count=1", "metadata", $"Patient/{patientId}/$everything" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/R4/" + path);
            request.Headers.Host = "evil.example";
            request.Headers.Add("X-Forwarded-Host", "evil.example");
            using var response = await patient.Http.SendAsync(request);
            var json = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            json.ShouldNotContain("evil.example", Case.Insensitive, path);
            if (FhirValidation.Parse(json) is Bundle bundle)
            {
                bundle.Link.ShouldAllBe(l => l.Url!.StartsWith(own + "/", StringComparison.Ordinal), path);
                bundle.Entry.ShouldAllBe(e => e.FullUrl!.StartsWith(own + "/", StringComparison.Ordinal), path);
            }
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task Given_a_Slot_search_over_a_long_window_Then_the_total_is_whole_or_the_search_is_refused_never_cut()
    {
        using var patient = await host.SignedInAsync("mikhail.vasiliev@demo.telemed.dev");
        var schedules = (await patient.FhirAsync("Schedule?_count=100")).Bundle().Entry.Select(e => $"Schedule/{e.Resource!.Id}").ToList();
        schedules.ShouldNotBeEmpty();
        var from = host.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1);
        string Day(int days) => from.AddDays(days).ToString("yyyy-MM-dd");

        async Task<int> TotalAsync(string search)
        {
            var answer = await patient.FhirAsync(search);
            answer.Status.ShouldBe(HttpStatusCode.OK, search);
            return answer.Bundle().Total ?? -1;
        }

        // One schedule over 61 days: the whole window holds exactly the slots of its two halves (the cut total was 2 000).
        foreach (var schedule in schedules.Take(3))
        {
            var whole = await TotalAsync($"Slot?schedule={schedule}&start=ge{Day(0)}&start=lt{Day(61)}&_count=100");
            var halves = await TotalAsync($"Slot?schedule={schedule}&start=ge{Day(0)}&start=lt{Day(30)}&_count=100")
                + await TotalAsync($"Slot?schedule={schedule}&start=ge{Day(30)}&start=lt{Day(61)}&_count=100");
            whole.ShouldBe(halves, schedule);

            // The last page ends with the window's last slot.
            var last = (await patient.FhirAsync($"Slot?schedule={schedule}&start=ge{Day(0)}&start=lt{Day(61)}&_count=100&_offset={Math.Max(0, whole - 1)}")).Bundle();
            last.Entry.Count.ShouldBe(whole == 0 ? 0 : 1);
        }

        // Every schedule over 30 days: whole and exact, or refused as too costly; never a total that stops at the load limit.
        var all = await patient.FhirAsync($"Slot?start=ge{Day(0)}&start=lt{Day(30)}");
        if (all.Status == HttpStatusCode.OK)
        {
            var halves = await TotalAsync($"Slot?start=ge{Day(0)}&start=lt{Day(15)}") + await TotalAsync($"Slot?start=ge{Day(15)}&start=lt{Day(30)}");
            all.Bundle().Total.ShouldBe(halves);
        }
        else
        {
            all.Status.ShouldBe(HttpStatusCode.BadRequest);
            all.OutcomeCode().ShouldBe("fhir.too_costly");
        }

        // A window longer than the documented 62 days is refused, not silently shortened.
        foreach (var search in new[]
                 {
                     $"Slot?schedule={schedules[0]}&start=le{Day(181)}", $"Slot?start=ge{Day(0)}&start=le{Day(63)}", $"Slot?start={from.Year + 1}",
                 })
        {
            var refused = await patient.FhirAsync(search);
            refused.Status.ShouldBe(HttpStatusCode.BadRequest, search);
            refused.OutcomeCode().ShouldBe("fhir.invalid_parameter", search);
        }

        (await patient.FhirAsync($"Slot?schedule={schedules[0]}&start=ge{Day(0)}&start=lt{Day(62)}")).Status.ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(nameof(FhirSqliteCollection))]
public sealed class FhirAttackScenariosOnSqlite(FhirSqliteHost host) : FhirAttackScenarios(host);

[Collection(nameof(FhirPostgresCollection))]
public sealed class FhirAttackScenariosOnPostgres(FhirPostgresHost host) : FhirAttackScenarios(host);
