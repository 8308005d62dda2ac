using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Fhir;

/// <summary>Requests to /fhir/R4 as a test client makes them: the status, the content type and the parsed resource.</summary>
public static class FhirApi
{
    public sealed record Answer(HttpStatusCode Status, string? ContentType, Resource Resource, string Json);

    public static async Task<Answer> FhirAsync(this HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/R4/" + path.TrimStart('/'));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        using var response = await http.SendAsync(request);
        var json = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, FhirValidation.Parse(json), json);
    }

    public static Task<Answer> FhirAsync(this ApiClient client, string path) => client.Http.FhirAsync(path);

    /// <summary>
    /// Waits (at most 30 s) until <paramref name="doctor"/> may read <paramref name="patientId"/>'s record: the care relationship of a
    /// booking or an accepted consultation is granted from its outbox event after the commit, which a busy machine takes seconds to
    /// deliver (a doctor's read right after "accept" was refused 404 in a CI run at load average 19).
    /// </summary>
    public static System.Threading.Tasks.Task WaitForCareRelationshipAsync(this ApiClient doctor, Guid patientId) =>
        SchedulingApi.WaitForAsync(async () => (await doctor.FhirAsync($"Patient/{patientId}")).Status == HttpStatusCode.OK ? "ok" : null,
            TimeSpan.FromSeconds(30), "the care relationship");

    /// <summary>The error code an OperationOutcome carries in its first issue's details (Telemed's stable code).</summary>
    public static string? OutcomeCode(this Answer answer) =>
        (answer.Resource as OperationOutcome)?.Issue.FirstOrDefault()?.Details?.Coding.FirstOrDefault()?.Code;

    public static Bundle Bundle(this Answer answer) => answer.Resource as Bundle ?? throw new InvalidOperationException($"Not a Bundle ({answer.Status}): {answer.Json}");

    /// <summary>A bearer token from POST /api/v1/auth/tokens for a patient (no second factor).</summary>
    public static async Task<string> PatientTokenAsync(TelemedHost host, string email)
    {
        using var raw = new HttpClient { BaseAddress = host.BaseAddress };
        var response = await raw.PostAsJsonAsync("/api/v1/auth/tokens", new { email, password = Demo.Password });
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static HttpClient WithBearer(TelemedHost host, string token)
    {
        var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
