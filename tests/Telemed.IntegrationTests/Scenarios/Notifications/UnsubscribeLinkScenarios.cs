using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Notifications;

/// <summary>
/// Optional e-mails carry an unsubscribe link in their text and the one-click headers of RFC 2369 / RFC 8058, and the link works
/// without signing in; security e-mails carry neither. Real SMTP (aiosmtpd): what a mail client would see.
/// </summary>
public sealed partial class UnsubscribeLinkScenarios : IAsyncLifetime
{
    private const string Oliver = "oliver.grant@demo.telemed.dev";     // English
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly SmtpTestServer _smtp = new();
    private TelemedHost _host = null!;

    public async Task InitializeAsync()
    {
        await _smtp.InitializeAsync();
        _host = new TelemedHost(DatabaseProvider.Sqlite, _smtp.HostSettings());
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Given_a_booking_confirmation_When_its_one_click_unsubscribe_is_posted_Then_booking_emails_stop_and_nothing_else_changes()
    {
        using var patient = await _host.SignedInAsync(Oliver);
        var doctor = (await DoctorsAsync(patient))[1].Id;
        var slots = await SlotsAsync(patient, doctor, Today(_host).AddDays(3), 2);
        await (await SchedulingApi.BookAsync(patient, doctor, slots[0])).ShouldHaveStatusAsync(HttpStatusCode.Created);

        // Given the confirmation as the mail client sees it
        var mail = await _smtp.WaitForMessageAsync(m => m.To.Contains(Oliver) && m.Subject.StartsWith("Booked:", StringComparison.Ordinal), Patience);
        var header = mail.Header("List-Unsubscribe").ShouldNotBeNull("an optional e-mail names its unsubscribe address");
        OneClickAddress().IsMatch(header).ShouldBeTrue($"one address in angle brackets: {header}");
        mail.Header("List-Unsubscribe-Post").ShouldBe("List-Unsubscribe=One-Click");
        var oneClick = new Uri(OneClickAddress().Match(header).Groups["url"].Value.ReplaceLineEndings("").Replace(" ", "", StringComparison.Ordinal),
            UriKind.Absolute);
        oneClick.AbsolutePath.ShouldStartWith("/api/v1/notifications/unsubscribe/");
        var token = oneClick.AbsolutePath["/api/v1/notifications/unsubscribe/".Length..];
        mail.Text.ShouldContain("booking changes by e-mail are on in your notification settings");
        mail.Text.ShouldContain($"/unsubscribe/{token}", customMessage: "the text links to the page that asks before it unsubscribes");

        using var anonymous = _host.CreateApiClient();
        var described = await anonymous.GetAsync(oneClick.AbsolutePath);
        await described.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var view = await described.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("topic").GetString().ShouldBe("bookings");
        view.GetProperty("enabled").GetBoolean().ShouldBeTrue("reading the link changes nothing (mail scanners open links)");

        // When the mail client posts the one-click form (RFC 8058), twice
        for (var i = 0; i < 2; i++)
        {
            var posted = await anonymous.Http.PostAsync(oneClick.AbsolutePath,
                new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]));
            await posted.ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enabled").GetBoolean().ShouldBeFalse();
        }

        // Then only booking e-mails are off
        var preferences = await (await patient.GetAsync("/api/v1/me/notification-preferences")).Content.ReadFromJsonAsync<JsonElement>();
        bool Enabled(string topic, string channel) => preferences.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("topic").GetString() == topic)
            .GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == channel).GetProperty("enabled").GetBoolean();
        Enabled("bookings", "email").ShouldBeFalse();
        Enabled("bookings", "in_app").ShouldBeTrue();
        Enabled("reminders", "email").ShouldBeTrue();
        Enabled("messages", "email").ShouldBeTrue();

        // And the next booking's notice goes out on its other channels, but not by e-mail
        var second = await SchedulingApi.BookAsync(patient, doctor, slots[^1]);
        await second.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointment = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().ToString().ToUpperInvariant();
        var raw = new RawDatabase(_host);
        await using var connection = await raw.OpenAsync();
        await WaitForAsync(async () => (await RawDatabase.RowsAsync(connection,
                $"SELECT COUNT(*) FROM {raw.Table("scheduling", "patient_notices")} WHERE \"AppointmentId\" = '{appointment}' AND \"SentAt\" IS NOT NULL"))
            .Single() != "0" ? "sent" : null, Patience, "the second booking's notice handled");
        _smtp.Messages.Count(m => m.To.Contains(Oliver) && m.Subject.StartsWith("Booked:", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Given_a_link_not_made_by_the_server_When_used_Then_404_and_nothing_changes()
    {
        using var anonymous = _host.CreateApiClient();
        foreach (var token in new[] { "nonsense", new string('A', 45), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
        {
            var get = await anonymous.GetAsync($"/api/v1/notifications/unsubscribe/{token}");
            get.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await get.ProblemCodeAsync()).ShouldBe("notifications.unsubscribe_link_invalid");
            var post = await anonymous.PostAsync($"/api/v1/notifications/unsubscribe/{token}");
            post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await post.ProblemCodeAsync()).ShouldBe("notifications.unsubscribe_link_invalid");
        }
    }

    [Fact]
    public async Task Given_a_security_email_When_it_arrives_Then_it_has_no_unsubscribe_header_or_line()
    {
        using var anonymous = _host.CreateApiClient();
        await anonymous.GetAsync("/api/v1/auth/session");
        (await anonymous.PostAsync("/api/v1/auth/password/forgot", new { email = Oliver })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var mail = await _smtp.WaitForMessageAsync(m => m.To.Contains(Oliver) && m.Text.Contains("/reset-password?token=", StringComparison.Ordinal), Patience);
        mail.Header("List-Unsubscribe").ShouldBeNull();
        mail.Text.ShouldNotContain("/unsubscribe/");
    }

    [GeneratedRegex(@"^\s*<(?<url>[^>]+)>\s*$")]
    private static partial Regex OneClickAddress();
}
