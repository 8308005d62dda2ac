using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Telemetry;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.Modules.Consultations.Chat.SendMessage;

/// <summary>A message waiting for the next group commit, with its audit records completed in its sender's unit of work.</summary>
internal sealed class QueuedMessage(ConversationKeys conversation, ChatMessage message, IReadOnlyList<AuditRecord> records)
{
    public ConversationKeys Conversation { get; } = conversation;
    public ChatMessage Message { get; } = message;
    public IReadOnlyList<AuditRecord> Records { get; } = records;

    /// <summary>The sender's trace (its request or hub invocation), which a batch it opens is traced in.</summary>
    public Activity? Trace { get; } = Activity.Current;

    /// <summary>Completes when the batch with this message committed (its notice, if one is due), or with false when the batch failed.</summary>
    public TaskCompletionSource<GroupCommitOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Whether a queued message's batch committed, and the new-message notice it decided; when <see cref="Committed"/> is false
/// nothing of the batch was saved and the sender saves the message on its own (which reports a duplicate or an error as a
/// lone send does).
/// </summary>
internal sealed record GroupCommitOutcome(bool Committed, PendingNotice? Notice)
{
    public static readonly GroupCommitOutcome SaveAlone = new(false, null);
}

/// <summary>
/// Group commit of chat messages across senders (issue 10): the messages that arrive while a batch is being written wait
/// for the next one, and each batch is ONE transaction with every message, the conversations' last-message times, the
/// recipients' read states and each message's audit record (its own sender as the actor). Under load a transaction, its
/// round trip and its fsync are shared by many messages; alone a message is written at once, without waiting.
/// </summary>
/// <remarks>
/// One batch at a time per host, in a loop of its own; at most <see cref="MaxBatch"/> messages each, in conversation order
/// (the same lock order on every host). A batch that fails is rolled back whole. When it failed on a retry (a client message
/// id stored before, or sent twice in the batch) the retries are answered <see cref="GroupCommitOutcome.SaveAlone"/> (their
/// senders find the first copy) and the rest is saved once more without them; any other failure (a read state another host
/// created meanwhile, a lost connection) sends every message to be saved alone by its sender, so one message's error never
/// becomes another's. Messages with attachments, or sent in a unit of work that has its own changes (starting a
/// conversation), are saved alone from the start.
/// </remarks>
internal sealed class ChatGroupCommit : IAsyncDisposable, IDisposable
{
    /// <summary>The most messages in one transaction: enough to share the commit widely, small enough to keep a batch's statements short.</summary>
    public const int MaxBatch = 64;

    private readonly Channel<QueuedMessage> _queue = Channel.CreateUnbounded<QueuedMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<ChatGroupCommit> _logger;
    private readonly Task _loop;

    public ChatGroupCommit(IServiceScopeFactory scopes, ILogger<ChatGroupCommit> logger)
    {
        _scopes = scopes;
        _logger = logger;
        // Not in the flow of whoever resolved this first: its trace, its encryption routing and its audit scope are its own.
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(RunAsync);
        }
    }

    /// <summary>Queues a message for the next batch; the task completes once its batch committed or failed (then save it alone).</summary>
    public Task<GroupCommitOutcome> SaveAsync(QueuedMessage message)
    {
        if (!_queue.Writer.TryWrite(message))
        {
            return Task.FromResult(GroupCommitOutcome.SaveAlone);
        }

        return message.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<QueuedMessage>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var message))
            {
                batch.Add(message);
            }

            try
            {
                await CommitAsync(batch);
            }
            catch (Exception)
            {
                // CommitAsync answers every message itself; this only keeps the loop alive whatever happens.
            }
            finally
            {
                batch.ForEach(m => m.Done.TrySetResult(GroupCommitOutcome.SaveAlone));
                batch.Clear();
            }
        }
    }

    /// <summary>
    /// Saves a batch; a send whose client id is already stored (a retry), or repeated in the batch, is answered
    /// <see cref="GroupCommitOutcome.SaveAlone"/> (its sender then finds the first copy) and the rest is saved once more
    /// without it, so one sender's retry does not send everyone else's message down the slow path.
    /// </summary>
    private async Task CommitAsync(List<QueuedMessage> batch)
    {
        // Conversations in one order on every host, so two batches' row locks cannot wait for each other.
        var pending = batch.OrderBy(m => m.Conversation.Id).ToList();
        pending = WithoutRepeats(pending);
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            var failure = await TrySaveAsync(pending);
            if (failure is null)
            {
                return;
            }

            if (attempt == 1 && failure is DbUpdateException update && update.IsUniqueViolation() && await StoredBeforeAsync(pending) is { Count: > 0 } retries)
            {
                retries.ForEach(m => m.Done.TrySetResult(GroupCommitOutcome.SaveAlone));
                pending = [.. pending.Except(retries)];
                continue;
            }

            pending.ForEach(m => m.Done.TrySetResult(GroupCommitOutcome.SaveAlone));
            // The type only: a database error's message can quote values.
            _logger.LogWarning("A batch of {Count} chat messages was not saved ({Error}); each is saved alone.", pending.Count, failure.GetType().Name);
            return;
        }
    }

    /// <summary>The batch without a second send of the same client message (answered to be saved alone, after the first).</summary>
    private static List<QueuedMessage> WithoutRepeats(List<QueuedMessage> batch)
    {
        var seen = new HashSet<(Guid, Guid, string)>();
        var kept = new List<QueuedMessage>(batch.Count);
        foreach (var m in batch)
        {
            if (seen.Add((m.Message.ConversationId, m.Message.SenderUserId, m.Message.ClientMessageId)))
            {
                kept.Add(m);
            }
            else
            {
                m.Done.TrySetResult(GroupCommitOutcome.SaveAlone);
            }
        }

        return kept;
    }

    /// <summary>Writes the batch in one transaction and answers every message in it; returns what made it fail, or null.</summary>
    private async Task<Exception?> TrySaveAsync(List<QueuedMessage> batch)
    {
        IReadOnlyList<PendingNotice?> notices;
        var committed = false;
        // Traced (and its SQL counted) as part of the request that opened the batch; the others wait in theirs.
        Activity.Current = batch[0].Trace;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConsultationsDbContext>();
            // The conversations first, then the read states, as a message saved alone changes them.
            foreach (var touched in batch.GroupBy(m => m.Conversation.Id))
            {
                var reference = Conversation.Reference(touched.First().Conversation);
                db.Conversations.Attach(reference);
                reference.Touch(touched.Max(m => m.Message.SentAt));
            }

            notices = await scope.ServiceProvider.GetRequiredService<NewMessageNotices>()
                .PrepareAllAsync([.. batch.Select(m => (m.Conversation, m.Message.SenderUserId, m.Message.SentAt))], CancellationToken.None);
            db.Messages.AddRange(batch.Select(m => m.Message));
            await db.SaveChangesAuditedAsAsync([.. batch.SelectMany(m => m.Records)], CancellationToken.None);
            committed = true;
        }
        catch (Exception e) when (!committed)
        {
            return e;
        }
        catch (Exception)
        {
            // Committed, then the scope failed to close: the messages are stored.
            notices = new PendingNotice?[batch.Count];
        }
        finally
        {
            Activity.Current = null;
        }

        TelemedMetrics.ChatGroupCommitMessages.Record(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(new GroupCommitOutcome(true, notices[i]));
        }

        return null;
    }

    /// <summary>The batch's sends whose client message id is stored already (retries of a message that committed before).</summary>
    private async Task<List<QueuedMessage>> StoredBeforeAsync(List<QueuedMessage> batch)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConsultationsDbContext>();
            var conversations = batch.Select(m => m.Message.ConversationId).Distinct().ToList();
            var clientIds = batch.Select(m => m.Message.ClientMessageId).Distinct().ToList();
            var stored = (await db.Messages.AsNoTracking().Where(m => conversations.Contains(m.ConversationId) && clientIds.Contains(m.ClientMessageId))
                .Select(m => new { m.ConversationId, m.SenderUserId, m.ClientMessageId }).ToListAsync())
                .Select(m => (m.ConversationId, m.SenderUserId, m.ClientMessageId)).ToHashSet();
            return [.. batch.Where(m => stored.Contains((m.Message.ConversationId, m.Message.SenderUserId, m.Message.ClientMessageId)))];
        }
        catch (Exception)
        {
            return [];
        }
    }

    /// <summary>
    /// Stops taking messages and waits for the loop. Called when the host's services are disposed, after the server stopped
    /// taking requests: what is still queued then is answered to be saved alone (there is no scope left to save it in).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    /// <summary>As <see cref="DisposeAsync"/>, for a container disposed synchronously.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
