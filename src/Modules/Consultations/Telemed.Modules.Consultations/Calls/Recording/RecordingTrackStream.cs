using Telemed.BuildingBlocks.Storage;

namespace Telemed.Modules.Consultations.Calls.Recording;

/// <summary>
/// A stored track's plaintext WebM as a read-only, seekable stream over its encrypted parts, so playback can answer HTTP range
/// requests. Its <see cref="Length"/> is the track's <see cref="CallRecordingTrack.SizeBytes"/> (known without decrypting
/// anything); every part but the last holds exactly <paramref name="partBytes"/> plaintext bytes (how <see cref="RecordingMedia"/>
/// writes them), so a position maps to one part and an offset in it. A read decrypts only the part under the position and keeps
/// that one part (at most <paramref name="partBytes"/>) until the position leaves it: a range decrypts the parts it covers and
/// nothing else. Reads are asynchronous only (Kestrel forbids synchronous IO). A missing part, or one whose plaintext is not the
/// size the track says, is an <see cref="IOException"/>: the answer is cut short rather than filled with wrong bytes.
/// </summary>
internal sealed class RecordingTrackStream(IFileStore files, CallRecordingTrack track, int partBytes = RecordingMedia.PartBytes) : Stream
{
    private long _position;
    private int _loadedPart = -1;
    private byte[]? _loaded;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    /// <summary>Plaintext bytes of the WebM.</summary>
    public override long Length => track.SizeBytes;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "A position is never negative.");
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => Length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 0 || _position >= Length)
        {
            return 0;
        }

        var part = (int)(_position / partBytes);
        var offset = (int)(_position % partBytes);
        var bytes = await PartAsync(part, cancellationToken);
        var count = Math.Min(buffer.Length, bytes.Length - offset);
        bytes.AsMemory(offset, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("A stored recording is read asynchronously.");

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _loaded = null;
        base.Dispose(disposing);
    }

    private async ValueTask<byte[]> PartAsync(int part, CancellationToken ct)
    {
        if (_loadedPart == part && _loaded is not null)
        {
            return _loaded;
        }

        _loaded = null;
        var expected = (int)Math.Min(partBytes, track.SizeBytes - (long)part * partBytes);
        var bytes = part < track.Parts ? await files.ReadAsync(CallRecordingTrack.PartKey(track.RecordingId, track.Index, part), ct) : null;
        if (bytes is null)
        {
            throw new IOException("A part of a stored recording is missing.");
        }

        if (bytes.Length != expected)
        {
            throw new IOException("A part of a stored recording is not the size its track says.");
        }

        _loadedPart = part;
        _loaded = bytes;
        return bytes;
    }
}
