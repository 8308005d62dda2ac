using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Scheduling;

/// <summary>
/// A confirmation's e-mail and its SMS go out side by side: a slow mail relay does not hold up the text message (nor, in a batch of
/// bookings, the next confirmations' messages). Real SMTP (aiosmtpd, made to take 3 s per message) and the Twilio double.
/// </summary>
public sealed class NoticeChannelsSideBySideScenarios : IAsyncLifetime
{
    private const string Oliver = "oliver.grant@demo.telemed.dev";     // English, phone +44 7700 900101
    private const string OliverPhone = "+44 7700 900101";
    private static readonly TimeSpan SmtpDelay = TimeSpan.FromSeconds(3);

    private readonly SmtpTestServer _smtp = new() { DataDelay = SmtpDelay };
    private readonly FakeTwilioServer _twilio = new();
    private TelemedHost _host = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_smtp.InitializeAsync(), _twilio.InitializeAsync());
        _host = new TelemedHost(DatabaseProvider.Sqlite, _smtp.HostSettings().Concat(_twilio.HostSettings()).ToDictionary(s => s.Key, s => s.Value));
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _twilio.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Given_a_mail_relay_taking_3_s_per_message_When_a_patient_books_Then_the_SMS_leaves_before_the_email_is_accepted_and_both_arrive_once()
    {
        using var patient = await _host.SignedInAsync(Oliver);
        var doctor = (await DoctorsAsync(patient))[1].Id;
        var slot = (await SlotsAsync(patient, doctor, Today(_host).AddDays(3), 2))[0];
        var booked = await SchedulingApi.BookAsync(patient, doctor, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        bool Confirmation(ReceivedEmail m) => m.To.Contains(Oliver) && m.Subject.StartsWith("Booked:", StringComparison.Ordinal);
        bool Sms(TwilioRequest r) => r.Form.GetValueOrDefault("To") == OliverPhone && r.Form["Body"].Contains("booked", StringComparison.Ordinal);
        await WaitForAsync(async () => { await Task.Yield(); return _twilio.Requests.Any(Sms) ? "sms" : null; }, TimeSpan.FromSeconds(30), "the confirmation's SMS");

        // Sent one after the other, the SMS would only leave once the relay had accepted the e-mail (3 s later).
        _smtp.Messages.Count(Confirmation).ShouldBe(0, "the SMS went out while the e-mail was still being accepted");

        await _smtp.WaitForMessageAsync(Confirmation, TimeSpan.FromSeconds(30));
        var raw = new RawDatabase(_host);
        await using var connection = await raw.OpenAsync();
        var appointment = id.ToString().ToUpperInvariant();
        await WaitForAsync(async () => (await RawDatabase.RowsAsync(connection,
                $"SELECT COUNT(*) FROM {raw.Table("scheduling", "patient_notices")} WHERE \"AppointmentId\" = '{appointment}' AND \"SentAt\" IS NOT NULL"))
            .Single() == "2" ? "both" : null, TimeSpan.FromSeconds(30), "both channels marked sent");

        await Task.Delay(1500);   // several outbox passes: nothing is sent twice
        _smtp.Messages.Count(Confirmation).ShouldBe(1);
        _twilio.Requests.Count(Sms).ShouldBe(1);
    }
}
