using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.IntegrationTests.Scenarios.Notifications;

/// <summary>
/// A provider answers each message in tens to hundreds of milliseconds, so many messages are sent at once; the host keeps to the
/// provider's limit (<c>Notifications:Sms:MaxConcurrentRequests</c>) however many senders there are, and loses none.
/// </summary>
public sealed class ProviderConcurrencyScenarios : IAsyncLifetime
{
    private readonly FakeTwilioServer _twilio = new() { Latency = TimeSpan.FromMilliseconds(150) };
    private TelemedHost _host = null!;

    public async Task InitializeAsync()
    {
        await _twilio.InitializeAsync();
        var settings = _twilio.HostSettings();
        settings["Notifications:Sms:MaxConcurrentRequests"] = "3";
        _host = new TelemedHost(DatabaseProvider.Sqlite, settings);
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _twilio.DisposeAsync();
    }

    [Fact]
    public async Task Given_a_limit_of_3_requests_When_12_SMS_are_sent_at_once_Then_Twilio_never_sees_more_than_3_in_flight_and_gets_all_12()
    {
        var numbers = Enumerable.Range(0, 12).Select(i => $"+1555010{i:D4}").ToList();

        await Task.WhenAll(numbers.Select(async number =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<INotificationSender>().SendSmsAsync(number, "Your visit is tomorrow at 10:00.", CancellationToken.None);
        }));

        _twilio.Requests.Select(r => r.Form["To"]).ShouldBe(numbers, ignoreOrder: true);
        _twilio.MaxInFlight.ShouldBe(3, "the limit holds, and the senders do use it rather than going one at a time");
    }
}
