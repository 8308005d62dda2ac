using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Notifications.DevelopmentOutbox;

public sealed record OutboxMessageView(Guid Id, string Channel, string To, string? Subject, string Body, DateTime CreatedAt);

/// <summary>
/// Admin → Outbox: the messages the development outbox kept, whole. Mapped only in Development (see
/// <see cref="Policy.OutboxPolicy.OutboxCanBeRead"/>); elsewhere the route does not exist and answers 404.
/// </summary>
internal static class OutboxEndpoints
{
    public static void MapOutboxEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/admin/outbox", BrowseAsync).RequireAuthorization(Policies.Admin).WithTags("Notifications").WithName("BrowseDevelopmentOutbox");

    private static async Task<Results<Ok<PagedResult<OutboxMessageView>>, ProblemHttpResult>> BrowseAsync(
        NotificationsDbContext db, string? channel, int? page, int? pageSize, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        var query = db.Messages.AsNoTracking();
        if (!FilterValues.TryParse<NotificationChannel>(channel, out var parsed))
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]> { ["channel"] = ["Use email or sms."] }));
        }

        if (parsed is { } wanted)
        {
            query = query.Where(m => m.Channel == wanted);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.CreatedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<OutboxMessageView>(
            items.Select(m => new OutboxMessageView(m.Id, m.Channel.ToString().ToLowerInvariant(), m.To, m.Subject, m.Body, m.CreatedAt)).ToList(),
            total, paging.Page, paging.PageSize));
    }
}
