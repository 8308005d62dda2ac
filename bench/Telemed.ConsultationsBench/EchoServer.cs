using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Telemed.ConsultationsBench;

/// <summary>
/// The baseline for chat: a bare WebSocket fan-out server on the same Kestrel as the host, with nothing but
/// the transport. A client joins one group by the query string (<c>/ws?group=…</c>); every text message it
/// sends is relayed verbatim to every socket of that group, the sender included. Like SignalR, each socket has
/// an outgoing queue and one writer, so a slow reader does not hold the others up. No authentication, no
/// protocol parsing, no persistence, no encryption: what is left between this and the hub is exactly that.
/// </summary>
internal static class EchoServer
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<Peer, byte>> Groups = new(StringComparer.Ordinal);

    public static async Task RunAsync(string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.UseWebSockets();
        app.MapGet("/health", () => "ok");
        app.Map("/ws", HandleAsync);
        await app.RunAsync();
    }

    private static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || context.Request.Query["group"].ToString() is not { Length: > 0 } group)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var peer = new Peer(socket);
        var members = Groups.GetOrAdd(group, _ => new ConcurrentDictionary<Peer, byte>());
        members[peer] = 0;
        var writer = peer.WriteLoopAsync();
        var buffer = new byte[16 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var count = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    if (count == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    received = await socket.ReceiveAsync(buffer.AsMemory(count), context.RequestAborted);
                    count += received.Count;
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var message = buffer.AsSpan(0, count).ToArray();
                foreach (var member in members.Keys)
                {
                    member.Enqueue(message);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // the client went away
        }
        finally
        {
            members.TryRemove(peer, out _);
            peer.Complete();
            await writer;
        }
    }

    private sealed class Peer(WebSocket socket)
    {
        private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

        public void Enqueue(byte[] message) => _outgoing.Writer.TryWrite(message);

        public void Complete() => _outgoing.Writer.TryComplete();

        public async Task WriteLoopAsync()
        {
            try
            {
                await foreach (var message in _outgoing.Reader.ReadAllAsync())
                {
                    await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // the client went away
            }
        }
    }
}
