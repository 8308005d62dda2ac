using System.Net;
using System.Net.Sockets;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>Ports on 127.0.0.1 for the servers the tests start (PostgreSQL, Redis, RabbitMQ, nginx, coturn, clamd…).</summary>
public static class LoopbackPorts
{
    private static readonly object Gate = new();
    private static readonly HashSet<int> Given = [];

    /// <summary>
    /// A port nothing is bound to right now, for a server started right after, chosen at random BELOW the kernel's ephemeral
    /// range (<c>/proc/sys/net/ipv4/ip_local_port_range</c>) and never handed out twice by this process. A port the OS picks
    /// (bind to 0) comes from that range, which is also where every outgoing connection gets its local port: between the pick
    /// and the server's bind, any client's connect could take it. CI saw it: RabbitMQ's distribution port, picked so, was
    /// taken before the broker bound it ("dist_port_already_used … not_erlang"), and two cluster scenarios failed.
    /// </summary>
    public static int Free()
    {
        var (ephemeralLow, _) = EphemeralRange();
        const int floor = 20_000;
        var ceiling = ephemeralLow - 1;
        for (var attempt = 0; ceiling - floor >= 1_000 && attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(floor, ceiling + 1);
            lock (Gate)
            {
                if (Given.Contains(port) || !CanBind(port))
                {
                    continue;
                }

                Given.Add(port);
                return port;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (int Low, int High) EphemeralRange()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (32_768, 60_999);
        }
    }

    /// <summary>Whether something accepts TCP connections on the port.</summary>
    public static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
