using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Scanning;
using Telemed.BuildingBlocks.Security;
using Telemed.BuildingBlocks.Storage;
using Telemed.Modules.Records.Contracts;
using Telemed.Modules.Records.Infrastructure;

namespace Telemed.Modules.Records.Documents.Scanning;

/// <summary>Lets an upload wake the quarantine scanner at once instead of at its next sweep.</summary>
internal sealed class ScanQueue
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken: one pass takes everything pending.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

/// <summary>
/// Sweeps the quarantine: every document still <c>pending_scan</c>, oldest first, goes through <see cref="IVirusScanner"/>
/// (clamd in production) and becomes available or rejected. When the scanner cannot be reached the documents simply stay
/// in quarantine and the next sweep tries again: nothing unscanned is ever let through. Logs carry counts and exception types, no PHI.
/// </summary>
internal sealed class QuarantineScanner(IServiceProvider services, ScanQueue queue, FieldEncryption encryption, IOptions<RecordsOptions> options,
    ILogger<QuarantineScanner> logger) : PeriodicWorker(services, encryption, logger)
{
    private const int BatchSize = 20;

    // A floor between passes, so that a pass that fails (and skips its wait) never spins.
    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(250);

    protected override async Task RunPassAsync(IServiceProvider scope, CancellationToken ct)
    {
        var db = scope.GetRequiredService<RecordsDbContext>();
        var files = scope.GetRequiredService<IFileStore>();
        var scanner = scope.GetRequiredService<IVirusScanner>();
        var clock = scope.GetRequiredService<TimeProvider>();
        var pending = await db.Documents.Where(d => d.Status == DocumentStatuses.PendingScan).OrderBy(d => d.UploadedAt).Take(BatchSize).ToListAsync(ct);
        foreach (var document in pending)
        {
            var content = await files.ReadAsync(document.StorageKey, ct);
            ScanVerdict verdict;
            try
            {
                verdict = content is null ? new ScanVerdict(false, "file-missing") : await scanner.ScanAsync(content, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Unreachable or failing scanner: nothing is let through unscanned.
                logger.LogWarning("The virus scanner failed ({Error}); {Count} documents stay in quarantine", e.GetType().Name, pending.Count);
                break;
            }

            if (document.TakeVerdict(verdict.Clean, verdict.Detail, clock.GetUtcNow().UtcDateTime))
            {
                await db.SaveChangesAsync(ct);
            }
        }

        // Waits here rather than in the base loop's delay, so that an upload wakes the next pass at once.
        await queue.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(100, options.Value.ScanIntervalMilliseconds)), ct);
    }
}
