using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Auditing;
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
/// One batch at a time per host, in a loop of its own; at most <see cref="MaxBatch"/> messages each. A batch that fails
/// (a retried message whose first copy is stored, a read state another host created meanwhile, a lost connection) is
/// rolled back whole and every message in it is saved alone by its sender (<see cref="GroupCommitOutcome.SaveAlone"/>),
/// so one message's error never becomes another's. Messages with attachments, or sent in a unit of work that has its own
/// changes (starting a conversation), are saved alone from the start.
/// </remarks>
internal sealed class ChatGroupCommit : IAsyncDisposable
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

            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<QueuedMessage> batch)
    {
        IReadOnlyList<PendingNotice?> notices;
        // Traced (and its SQL counted) as part of the request that opened the batch; the others wait in theirs.
        Activity.Current = batch[0].Trace;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConsultationsDbContext>();
            notices = await scope.ServiceProvider.GetRequiredService<NewMessageNotices>()
                .PrepareAllAsync([.. batch.Select(m => (m.Conversation, m.Message.SenderUserId, m.Message.SentAt))], CancellationToken.None);
            db.Messages.AddRange(batch.Select(m => m.Message));
            foreach (var touched in batch.GroupBy(m => m.Conversation.Id))
            {
                var reference = Conversation.Reference(touched.First().Conversation);
                db.Conversations.Attach(reference);
                reference.Touch(touched.Max(m => m.Message.SentAt));
            }

            await db.SaveChangesAuditedAsAsync([.. batch.SelectMany(m => m.Records)], CancellationToken.None);
        }
        catch (Exception e)
        {
            // The type only: a database error's message can quote values.
            _logger.LogWarning("A batch of {Count} chat messages was not saved ({Error}); each is saved alone.", batch.Count, e.GetType().Name);
            batch.ForEach(m => m.Done.TrySetResult(GroupCommitOutcome.SaveAlone));
            return;
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
    }

    /// <summary>Stops taking messages; those already queued are still written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }
}
