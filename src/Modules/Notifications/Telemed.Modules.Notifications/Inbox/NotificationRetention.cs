using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Notifications.DevelopmentOutbox;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary>Deletes notifications older than <see cref="InboxNotification.RetentionPeriod"/> (90 days), once an hour.</summary>
internal sealed class NotificationRetention(IServiceProvider services, FieldEncryption encryption, ILogger<NotificationRetention> logger)
    : PeriodicWorker(services, encryption, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunPassAsync(IServiceProvider scope, CancellationToken ct)
    {
        var db = scope.GetRequiredService<NotificationsDbContext>();
        var keptSince = InboxNotification.KeptSince(scope.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        await db.Inbox.Where(n => n.CreatedAt <= keptSince).ExecuteDeleteAsync(ct);
    }
}
