using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Telemed.BuildingBlocks.Scanning;

/// <summary>
/// ClamAV's clamd over its TCP or Unix socket with the INSTREAM command: <c>zINSTREAM\0</c>, then chunks each led by a
/// 4-byte big-endian length, then a zero length; clamd answers <c>stream: OK</c> or <c>stream: &lt;signature&gt; FOUND</c>
/// (or <c>INSTREAM size limit exceeded. ERROR</c>, which counts as not clean: a file clamd would not read is not let through).
/// One connection per scan; clamd handles many at once.
/// </summary>
public sealed class ClamdScanner(ClamdOptions options) : IVirusScanner
{
    // clamd's default StreamMaxLength is 25 MB; chunks well under its buffer.
    private const int ChunkSize = 64 * 1024;

    public async Task<ScanVerdict> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)));
        string reply;
        try
        {
            using var socket = await ConnectAsync(timeout.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), timeout.Token);
            var header = new byte[4];
            for (var offset = 0; offset < content.Length; offset += ChunkSize)
            {
                var chunk = content.Slice(offset, Math.Min(ChunkSize, content.Length - offset));
                BinaryPrimitives.WriteUInt32BigEndian(header, (uint)chunk.Length);
                await stream.WriteAsync(header, timeout.Token);
                await stream.WriteAsync(chunk, timeout.Token);
            }

            BinaryPrimitives.WriteUInt32BigEndian(header, 0);
            await stream.WriteAsync(header, timeout.Token);
            reply = await ReadReplyAsync(stream, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new VirusScannerUnavailableException("clamd could not be reached or did not answer in time.", e);
        }

        return Interpret(reply);
    }

    /// <summary>Reads clamd's one-line answer to INSTREAM into a verdict; anything but "stream: OK" is not clean.</summary>
    public static ScanVerdict Interpret(string reply)
    {
        reply = reply.TrimEnd('\0', '\n', '\r', ' ');
        if (reply.EndsWith(" FOUND", StringComparison.Ordinal))
        {
            var signature = reply["stream: ".Length..^" FOUND".Length].Trim();
            return new ScanVerdict(false, "clamd:" + signature);
        }

        if (reply.Equals("stream: OK", StringComparison.Ordinal))
        {
            return new ScanVerdict(true, "clamd:OK");
        }

        if (reply.EndsWith("ERROR", StringComparison.Ordinal))
        {
            // Size limit exceeded and the like: clamd did not read the whole file, so it is not known to be clean.
            return new ScanVerdict(false, "clamd:error");
        }

        throw new VirusScannerUnavailableException("clamd answered something that is not an INSTREAM reply.");
    }

    private async Task<Socket> ConnectAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(options.Socket))
        {
            var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await unix.ConnectAsync(new UnixDomainSocketEndPoint(options.Socket), ct);
            return unix;
        }

        var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await tcp.ConnectAsync(options.Host!, options.Port, ct);
        return tcp;
    }

    private static async Task<string> ReadReplyAsync(Stream stream, CancellationToken ct)
    {
        // The z-prefixed command makes clamd end its reply with a NUL.
        var buffer = new byte[1024];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), ct);
            if (read == 0)
            {
                break;
            }

            total += read;
            if (Array.IndexOf(buffer, (byte)0, 0, total) >= 0)
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, total);
    }
}
