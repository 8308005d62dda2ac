using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Storage;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.Modules.Consultations.Calls.Recording;

/// <summary>Who published a recorded feed: the participant, and whether it was their shared screen.</summary>
internal readonly record struct FeedOwner(Guid UserId, bool Screen);

/// <summary>
/// Turns what Janus recorded for one recording (<c>.mjr</c> files, one per publisher and medium) into one WebM per publisher:
/// <c>janus-pp-rec</c> writes the VP8 video as WebM and the Opus audio as Ogg, <c>ffmpeg</c> muxes them without re-encoding, and
/// <c>ffprobe</c> reads the duration. Each WebM goes into the platform's encrypted file store in parts of at most
/// <see cref="PartBytes"/>, so neither storing nor playing holds a whole recording in memory. The intermediate media are deleted
/// before <see cref="StoreAsync"/> returns, whatever happened; the raw <c>.mjr</c> files once the tracks are saved
/// (<see cref="DeleteRaw"/>), so that a failed save can be done again from them.
/// </summary>
internal sealed partial class RecordingMedia(IFileStore files, IOptions<ConsultationsOptions> options)
{
    /// <summary>4 MiB: a part is what one read or write of the file store holds in memory.</summary>
    public const int PartBytes = 4 * 1024 * 1024;

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(10);

    private SfuOptions Sfu => options.Value.Video.Sfu;

    /// <summary>The folder Janus records this recording into (the same name the host gave Janus).</summary>
    public string FolderOf(Guid recordingId) => Path.Combine(Sfu.Janus.RecordingsDirectory ?? "", recordingId.ToString("N"));

    /// <summary>True while the raw folder still exists (tests check it is gone).</summary>
    public bool HasRawFiles(Guid recordingId) => System.IO.Directory.Exists(FolderOf(recordingId));

    /// <summary>
    /// The stored tracks, in publisher order; an empty list when nothing was recorded (nobody published) or nothing could be
    /// converted. <paramref name="owners"/> maps a publisher id to its participant.
    /// </summary>
    public async Task<List<CallRecordingTrack>> StoreAsync(Guid recordingId, IReadOnlyDictionary<long, FeedOwner> owners, CancellationToken ct)
    {
        var folder = FolderOf(recordingId);
        var tracks = new List<CallRecordingTrack>();
        if (!System.IO.Directory.Exists(folder))
        {
            return tracks;
        }

        try
        {
            foreach (var (feed, video, audio) in Publications(System.IO.Directory.EnumerateFiles(folder, "*.mjr")))
            {
                var index = tracks.Count;
                var webm = Path.Combine(folder, $"track-{index}.webm");
                if (!await ConvertAsync(folder, index, video, audio, webm, ct))
                {
                    continue;
                }

                var duration = await DurationAsync(webm, ct);
                if (duration <= 0)
                {
                    continue;
                }

                FeedOwner? owner = owners.TryGetValue(feed, out var o) ? o : null;
                var (size, parts) = await EncryptAsync(webm, recordingId, index, ct);
                tracks.Add(new CallRecordingTrack(recordingId, index, owner?.UserId, owner?.Screen ?? false, duration, size, parts));
            }

            return tracks;
        }
        finally
        {
            // The intermediate media go whatever happened; the raw files stay until the tracks are saved (DeleteRaw), so a
            // worker stopped or failing before its save finds them again when the claim goes stale.
            foreach (var file in System.IO.Directory.EnumerateFiles(folder).Where(f => !f.EndsWith(".mjr", StringComparison.Ordinal)))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Deletes what Janus recorded for <paramref name="recordingId"/> (plaintext); nothing when it is gone already.</summary>
    public void DeleteRaw(Guid recordingId)
    {
        var folder = FolderOf(recordingId);
        if (System.IO.Directory.Exists(folder))
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The raw files paired into publications: Janus writes each medium of a publisher to its own file, stamped with the instant
    /// that medium started (microseconds), so a publisher's audio and video of one publication start within a few seconds of
    /// each other, and a publisher who rejoined has a later pair. Ordered by start, then publisher.
    /// </summary>
    internal static List<(long Feed, string? Video, string? Audio)> Publications(IEnumerable<string> paths)
    {
        var files = paths.Select(p => (Path: p, Match: RawFileName().Match(Path.GetFileName(p)))).Where(f => f.Match.Success)
            .Select(f => (f.Path, Feed: long.Parse(f.Match.Groups["feed"].Value, CultureInfo.InvariantCulture),
                Started: long.Parse(f.Match.Groups["started"].Value, CultureInfo.InvariantCulture), Kind: f.Match.Groups["kind"].Value))
            .OrderBy(f => f.Started).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
        var result = new List<(long Feed, string? Video, string? Audio, long Started)>();
        foreach (var file in files)
        {
            var partner = result.FindIndex(p => p.Feed == file.Feed && Math.Abs(p.Started - file.Started) <= PairingWindowMicroseconds
                && (file.Kind == "video" ? p.Video is null : p.Audio is null));
            if (partner >= 0)
            {
                var p = result[partner];
                result[partner] = file.Kind == "video" ? (p.Feed, file.Path, p.Audio, p.Started) : (p.Feed, p.Video, file.Path, p.Started);
            }
            else
            {
                result.Add(file.Kind == "video" ? (file.Feed, file.Path, null, file.Started) : (file.Feed, null, file.Path, file.Started));
            }
        }

        return [.. result.Select(p => (p.Feed, p.Video, p.Audio))];
    }

    /// <summary>
    /// A stored track's plaintext WebM as a seekable stream of <see cref="CallRecordingTrack.SizeBytes"/> bytes that decrypts a
    /// part only when a read reaches it (see <see cref="RecordingTrackStream"/>); playback answers range requests with it.
    /// </summary>
    public Stream OpenRead(CallRecordingTrack track) => new RecordingTrackStream(files, track);

    /// <summary>Deletes every stored part of a recording's tracks.</summary>
    public async Task DeleteAsync(IEnumerable<CallRecordingTrack> tracks, CancellationToken ct)
    {
        foreach (var track in tracks)
        {
            for (var part = 0; part < track.Parts; part++)
            {
                await files.DeleteAsync(CallRecordingTrack.PartKey(track.RecordingId, track.Index, part), ct);
            }
        }
    }

    private async Task<bool> ConvertAsync(string folder, int index, string? video, string? audio, string webm, CancellationToken ct)
    {
        var inputs = new List<string>();
        if (video is not null)
        {
            var videoWebm = Path.Combine(folder, $"raw-{index}-video.webm");
            if (await RunAsync(Sfu.PostProcessor, [video, videoWebm], ct) && File.Exists(videoWebm))
            {
                inputs.Add(videoWebm);
            }
        }

        if (audio is not null)
        {
            var audioOgg = Path.Combine(folder, $"raw-{index}-audio.opus");
            if (await RunAsync(Sfu.PostProcessor, [audio, audioOgg], ct) && File.Exists(audioOgg))
            {
                inputs.Add(audioOgg);
            }
        }

        if (inputs.Count == 0)
        {
            return false;
        }

        var args = new List<string> { "-y", "-loglevel", "error" };
        foreach (var input in inputs)
        {
            args.AddRange(["-i", input]);
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            args.AddRange(["-map", $"{i}"]);
        }

        args.AddRange(["-c", "copy", "-f", "webm", webm]);
        return await RunAsync(Sfu.Ffmpeg, args, ct) && File.Exists(webm);
    }

    private async Task<double> DurationAsync(string webm, CancellationToken ct)
    {
        var output = await OutputAsync(Sfu.Ffprobe, ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", webm], ct);
        return double.TryParse(output?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
    }

    private async Task<(long Size, int Parts)> EncryptAsync(string webm, Guid recordingId, int index, CancellationToken ct)
    {
        await using var input = File.OpenRead(webm);
        var buffer = new byte[PartBytes];
        long size = 0;
        var part = 0;
        while (true)
        {
            var read = await input.ReadAtLeastAsync(buffer, PartBytes, throwOnEndOfStream: false, ct);
            if (read == 0)
            {
                break;
            }

            await files.SaveAsync(CallRecordingTrack.PartKey(recordingId, index, part), buffer.AsMemory(0, read), ct);
            size += read;
            part++;
        }

        return (size, part);
    }

    private static async Task<bool> RunAsync(string tool, IEnumerable<string> args, CancellationToken ct) => await OutputAsync(tool, args, ct) is not null;

    /// <summary>The tool's standard output when it exits with 0; null when it fails, times out or is not installed. Nothing is logged: arguments hold ids only, output may hold media metadata.</summary>
    private static async Task<string?> OutputAsync(string tool, IEnumerable<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ToolTimeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                await Task.WhenAll(output, errors);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return process.ExitCode == 0 ? await output : null;
        }
    }

    /// <summary>A publisher's audio and video files belong together when they started this close (10 s, in µs).</summary>
    private const long PairingWindowMicroseconds = 10_000_000;

    /// <summary>Janus video room recordings: <c>videoroom-{room}-user-{feed}-{µs}-{audio|video}[-{mindex}].mjr</c>.</summary>
    [GeneratedRegex(@"^videoroom-\d+-user-(?<feed>\d+)-(?<started>\d+)-(?<kind>audio|video)(-\d+)?\.mjr$")]
    private static partial Regex RawFileName();
}
