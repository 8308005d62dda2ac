using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>Steps the billing scenarios share: a booked visit with Anna Petrova, whose booking makes its payment.</summary>
internal static class BillingSteps
{
    /// <summary>Books the first free video slot of Anna Petrova from <paramref name="daysAhead"/> days on for <paramref name="patient"/>; the appointment's id.</summary>
    public static async Task<Guid> BookedVisitAsync(TelemedHost host, ApiClient patient, int daysAhead)
    {
        using var doctor = await host.SignedInAsync("anna.petrova@demo.telemed.dev");
        var doctorId = await ConsultationsApi.DoctorIdAsync(doctor);
        foreach (var slot in await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(daysAhead), 6))
        {
            var booked = await SchedulingApi.BookAsync(patient, doctorId, slot);
            if (booked.StatusCode == HttpStatusCode.Created)
            {
                return (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            }
        }

        throw new InvalidOperationException("No free slot to book.");
    }
}
