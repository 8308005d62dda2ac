using System.Net.Http.Json;
using System.Text.Json;

namespace Telemed.IntegrationTests.Infrastructure;

public sealed record SlotInfo(DateTime Start, DateTime End, Guid ClinicId, string ClinicTimeZone, string ClinicLocal, string PatientLocal);

/// <summary>Test-side helpers for the scheduling API: finding doctors, patients and free slots.</summary>
public static class SchedulingApi
{
    public const string FrontDesk = "frontdesk@demo.telemed.dev";

    public static readonly string[] PatientEmails =
    [
        "ivan.kuznetsov@demo.telemed.dev", "elena.popova@demo.telemed.dev", "mikhail.vasiliev@demo.telemed.dev", "svetlana.pavlova@demo.telemed.dev",
        "andrei.semenov@demo.telemed.dev", "tatiana.golubeva@demo.telemed.dev", "oliver.grant@demo.telemed.dev", "sophie.turner@demo.telemed.dev",
    ];

    public static async Task<ApiClient> SignedInAsync(this TelemedHost host, string email)
    {
        var client = host.CreateApiClient();
        var staff = email.StartsWith("frontdesk", StringComparison.Ordinal) || email.StartsWith("admin", StringComparison.Ordinal)
            || PatientEmails.All(p => p != email) && !email.StartsWith("patient", StringComparison.Ordinal);
        await client.SignInAsync(email, Demo.Password, staff ? Demo.KeyFor(email) : null);
        return client;
    }

    /// <summary>The demo's doctors in name order, with their user e-mail left out (the API does not show it).</summary>
    public static async Task<IReadOnlyList<(Guid Id, string Name)>> DoctorsAsync(ApiClient client)
    {
        var page = await client.GetJsonAsync<JsonElement>("/api/v1/doctors?pageSize=50");
        return page.GetProperty("items").EnumerateArray().Select(d => (d.GetProperty("id").GetGuid(), d.GetProperty("displayName").GetString()!)).ToList();
    }

    public static async Task<IReadOnlyList<Guid>> PatientIdsAsync(TelemedHost host)
    {
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        return (await RawDatabase.RowsAsync(connection, $"SELECT \"Id\" FROM {raw.Table("directory", "patients")} ORDER BY \"Id\"")).Select(Guid.Parse).ToList();
    }

    public static async Task<IReadOnlyList<SlotInfo>> SlotsAsync(ApiClient client, Guid doctorId, DateOnly from, int days, string kind = "video",
        string timeZone = "UTC")
    {
        var doctor = await client.GetJsonAsync<JsonElement>(
            $"/api/v1/scheduling/doctors/{doctorId}/slots?kind={kind}&from={from:yyyy-MM-dd}&to={from.AddDays(days):yyyy-MM-dd}&timeZone={Uri.EscapeDataString(timeZone)}");
        return doctor.GetProperty("slots").EnumerateArray().Select(s => new SlotInfo(s.GetProperty("start").GetDateTime().ToUniversalTime(),
            s.GetProperty("end").GetDateTime().ToUniversalTime(), s.GetProperty("clinicId").GetGuid(), s.GetProperty("clinicTimeZone").GetString()!,
            s.GetProperty("clinicLocal").GetString()!, s.GetProperty("patientLocal").GetString()!)).ToList();
    }

    public static DateOnly Today(TelemedHost host) => DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);

    public static Task<HttpResponseMessage> BookAsync(ApiClient client, Guid doctorId, SlotInfo slot, Guid? patientId = null, string kind = "video",
        string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scheduling/appointments")
        {
            Content = JsonContent.Create(new { doctorId, clinicId = slot.ClinicId, kind, start = slot.Start, patientId }, options: ApiClient.Json),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.Http.SendAsync(request);
    }

    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(150);
        }

        throw new TimeoutException($"Timed out waiting for {what}.");
    }
}
