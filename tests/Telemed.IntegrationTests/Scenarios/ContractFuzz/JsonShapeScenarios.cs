using System.Net;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.ContractFuzz;

/// <summary>
/// JSON the schema does not describe is refused, not guessed at: a member given twice (the last one silently won) and an enum member
/// given as a number (a number that happened to be a member's index was taken for that member).
/// </summary>
public sealed class JsonShapeScenarios(SqliteHost host) : IClassFixture<SqliteHost>
{
    private static Task<HttpResponseMessage> SendJsonAsync(ApiClient client, HttpMethod method, string url, string json) =>
        client.Http.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response)
    {
        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await response.ProblemCodeAsync()).ShouldBe("request.invalid");
    }

    [Fact]
    public async Task Given_a_member_given_twice_When_sent_Then_400_and_nothing_changes()
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var search = await admin.PostAsync("/api/v1/admin/users/search", new { email = "frontdesk@demo.telemed.dev" });
        var desk = (await search.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0];

        await ShouldBeRefusedAsync(await SendJsonAsync(admin, HttpMethod.Put, $"/api/v1/admin/users/{desk.GetProperty("id").GetGuid()}/roles",
            """{"roles":["FrontDesk"],"roles":["Admin","FrontDesk"]}"""));

        var after = await admin.PostAsync("/api/v1/admin/users/search", new { email = "frontdesk@demo.telemed.dev" });
        (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("roles").EnumerateArray().Select(r => r.GetString())
            .ShouldBe(["FrontDesk"]);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("\"0\"", 1)]
    [InlineData("1", 2)]
    public async Task Given_an_enum_member_given_as_a_number_When_booking_Then_400_and_nothing_is_booked(string kind, int slotIndex)
    {
        using var patient = await host.SignedInAsync("oliver.grant@demo.telemed.dev");
        var doctor = (await DoctorsAsync(patient))[2 + slotIndex].Id;
        var slot = (await SlotsAsync(patient, doctor, Today(host).AddDays(4), 2))[0];

        await ShouldBeRefusedAsync(await SendJsonAsync(patient, HttpMethod.Post, "/api/v1/scheduling/appointments",
            $$"""{"doctorId":"{{doctor}}","clinicId":"{{slot.ClinicId}}","kind":{{kind}},"start":"{{slot.Start:O}}"}"""));

        // The same slot by the member's name books: the refusal was the number, not the slot.
        await (await BookAsync(patient, doctor, slot)).ShouldHaveStatusAsync(HttpStatusCode.Created);
    }
}
