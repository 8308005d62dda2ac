using System.Net;
using System.Net.Sockets;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>Ports on 127.0.0.1 for the servers the tests start (PostgreSQL, Redis, RabbitMQ, nginx, coturn, clamd…).</summary>
public static class LoopbackPorts
{
    /// <summary>A port nothing listens on right now (the OS picks it; a server started right after takes it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
