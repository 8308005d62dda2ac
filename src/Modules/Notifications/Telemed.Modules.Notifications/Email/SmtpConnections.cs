using System.Collections.Concurrent;
using System.Diagnostics;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;

namespace Telemed.Modules.Notifications.Email;

/// <summary>
/// The SMTP connections <see cref="SmtpEmailChannel"/> holds: at most <see cref="EmailOptions.MaxConnections"/> in use at once
/// (a sender waits for a slot, <see cref="EnterAsync"/>) and as many kept open between messages, each reused for at most
/// <see cref="IdleLimit"/> after its last message. One per host (a singleton of its own, so that only the host's shutdown closes
/// them: a scope disposes what a scoped factory hands out, the channel included).
/// </summary>
internal sealed class SmtpConnections(IOptions<EmailOptions> options) : IDisposable
{
    private readonly int _max = Math.Clamp(options.Value.MaxConnections, 1, 256);
    private readonly SemaphoreSlim _slots = new(Math.Clamp(options.Value.MaxConnections, 1, 256));

    /// <summary>Waits until fewer than <see cref="EmailOptions.MaxConnections"/> messages are being sent; dispose the result when done.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }

    /// <summary>How long a kept connection may sit unused and still be reused (relays close idle ones after minutes: RFC 5321 4.5.3.2.7).</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    // Idle since a Stopwatch timestamp: the relay's idle time-out runs on the wall, not on the host's (test-controllable) clock.
    private readonly ConcurrentStack<(SmtpClient Client, long IdleSince)> _idle = new();

    /// <summary>A connected client no other sender holds, or null (connect a new one).</summary>
    public SmtpClient? TakeIdle()
    {
        var now = Stopwatch.GetTimestamp();
        while (_idle.TryPop(out var idle))
        {
            if (idle.Client.IsConnected && Stopwatch.GetElapsedTime(idle.IdleSince, now) < IdleLimit)
            {
                return idle.Client;
            }

            idle.Client.Dispose();
        }

        return null;
    }

    /// <summary>Keeps a client after a message went through it (or closes it when enough are kept or it is disconnected).</summary>
    public void GiveBack(SmtpClient client)
    {
        if (client.IsConnected && _idle.Count < _max)
        {
            _idle.Push((client, Stopwatch.GetTimestamp()));
        }
        else
        {
            client.Dispose();
        }
    }

    /// <summary>Closes the kept connections (the host is stopping).</summary>
    public void Dispose()
    {
        while (_idle.TryPop(out var idle))
        {
            idle.Client.Dispose();
        }
    }
}
