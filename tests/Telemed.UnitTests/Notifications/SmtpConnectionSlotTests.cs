using Microsoft.Extensions.Options;
using Telemed.Modules.Notifications.Email;

namespace Telemed.UnitTests.Notifications;

/// <summary>The host holds at most <see cref="EmailOptions.MaxConnections"/> SMTP connections at once; a sender beyond them waits.</summary>
public sealed class SmtpConnectionSlotTests
{
    [Fact]
    public async Task Given_a_limit_of_2_When_a_third_sender_asks_for_a_slot_Then_it_waits_until_one_is_given_back()
    {
        using var connections = new SmtpConnections(Options.Create(new EmailOptions { MaxConnections = 2 }));
        var first = await connections.EnterAsync(CancellationToken.None);
        using var second = await connections.EnterAsync(CancellationToken.None);

        var third = connections.EnterAsync(CancellationToken.None);
        await Task.Delay(100);
        third.IsCompleted.ShouldBeFalse();

        first.Dispose();
        first.Dispose();   // twice is harmless: one slot, given back once
        using var entered = await third.WaitAsync(TimeSpan.FromSeconds(5));

        var fourth = connections.EnterAsync(CancellationToken.None);
        await Task.Delay(100);
        fourth.IsCompleted.ShouldBeFalse("the double dispose above must not have given back two slots");
        entered.Dispose();
        (await fourth.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }
}
