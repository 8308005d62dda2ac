using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Notifications.DevelopmentOutbox;

namespace Telemed.Modules.Notifications.Preferences;

/// <summary>One channel of a topic: <c>channel</c> is <c>in_app</c>, <c>email</c> or <c>sms</c>; <c>locked</c> ones cannot be switched off.</summary>
public sealed record ChannelPreference(string Channel, bool Enabled, bool Locked);

/// <summary>One topic (<c>messages</c>, <c>bookings</c>, <c>reminders</c>, <c>security</c>) with the channels it can come by.</summary>
public sealed record TopicPreference(string Topic, IReadOnlyList<ChannelPreference> Channels);

/// <summary>The signed-in user's notification preferences, topics in display order.</summary>
public sealed record NotificationPreferencesView(IReadOnlyList<TopicPreference> Topics);

/// <summary>One switch: a topic on a channel on or off.</summary>
public sealed record PreferenceChange(string? Topic, string? Channel, bool Enabled);

/// <summary>Switches to apply together; the answer is the whole new set.</summary>
public sealed record UpdateNotificationPreferences(IReadOnlyList<PreferenceChange>? Changes);

/// <summary>
/// GET and PUT <c>/me/notification-preferences</c> (every role, only one's own). PUT errors: 400
/// <c>notifications.unknown_preference</c> for a topic or channel not offered (or no changes), 422
/// <c>notifications.preference_locked</c> for switching a security message off. Each change is audited.
/// </summary>
internal static class PreferenceEndpoints
{
    public static readonly Error Unknown = new("notifications.unknown_preference", "There is no such notification topic or channel to set.", ErrorKind.Validation);

    public static readonly Error Locked = new("notifications.preference_locked",
        "Security messages (password reset, sign-in and MFA changes) cannot be switched off.", ErrorKind.Unprocessable);

    public const string ChangedAction = "notifications.preferences_changed";

    public static void MapPreferenceEndpoints(this IEndpointRouteBuilder api)
    {
        var mine = api.MapGroup("/me/notification-preferences").WithTags("Notifications").RequireAuthorization(Policies.SignedIn);
        mine.MapGet("", GetAsync).WithName("GetMyNotificationPreferences");
        mine.MapPut("", UpdateAsync).WithName("UpdateMyNotificationPreferences");
    }

    private static async Task<Ok<NotificationPreferencesView>> GetAsync(NotificationsDbContext db, ICurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await ViewAsync(db, user.RequireUserId(), ct));

    private static async Task<Results<Ok<NotificationPreferencesView>, ProblemHttpResult>> UpdateAsync(UpdateNotificationPreferences request,
        NotificationsDbContext db, ICurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var userId = user.RequireUserId();
        if (request.Changes is not { Count: > 0 and <= 50 } changes)
        {
            return Problems.From(Unknown);
        }

        var parsed = new List<(string Topic, Contracts.NotificationChannel Channel, bool Enabled)>();
        foreach (var change in changes)
        {
            if (change?.Topic is not { } topic || PreferenceMatrix.ChannelNamed(change.Channel) is not { } channel || !PreferenceMatrix.IsOffered(topic, channel))
            {
                return Problems.From(Unknown);
            }

            if (!PreferenceMatrix.MaySwitch(topic, channel, change.Enabled))
            {
                return Problems.From(Locked);
            }

            parsed.Add((topic, channel, change.Enabled));
        }

        await SaveAsync(db, userId, parsed, clock, ct);
        return TypedResults.Ok(await ViewAsync(db, userId, ct));
    }

    /// <summary>
    /// Applies <paramref name="changes"/> (already checked with <see cref="PreferenceMatrix.MaySwitch"/>) to <paramref name="userId"/>'s
    /// choices in one save, each change audited as <see cref="ChangedAction"/> with the reason <c>topic/channel=on|off</c>. Shared by the
    /// settings page and the unsubscribe link.
    /// </summary>
    internal static async Task SaveAsync(NotificationsDbContext db, Guid userId, IReadOnlyList<(string Topic, Contracts.NotificationChannel Channel, bool Enabled)> changes,
        TimeProvider clock, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var stored = await db.Preferences.Where(p => p.UserId == userId).ToListAsync(ct);
            foreach (var (topic, channel, enabled) in changes)
            {
                if (stored.FirstOrDefault(p => p.Topic == topic && p.Channel == channel) is { } existing)
                {
                    existing.Change(enabled, now);
                }
                else
                {
                    var chosen = NotificationPreference.Choose(userId, topic, channel, enabled, now);
                    db.Preferences.Add(chosen);
                    stored.Add(chosen);
                }

                db.AuditWithNextSave(ChangedAction, "NotificationPreference", userId.ToString(), $"{topic}/{PreferenceMatrix.NameOf(channel)}={(enabled ? "on" : "off")}");
            }

            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt == 1)
            {
                // Another tab saved a first choice at the same moment: apply ours over it.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<NotificationPreferencesView> ViewAsync(NotificationsDbContext db, Guid userId, CancellationToken ct)
    {
        var stored = await db.Preferences.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(ct);
        return new NotificationPreferencesView(PreferenceMatrix.Offered.Select(o => new TopicPreference(o.Topic, o.Channels.Select(channel =>
        {
            var chosen = stored.FirstOrDefault(p => p.Topic == o.Topic && p.Channel == channel)?.Enabled;
            return new ChannelPreference(PreferenceMatrix.NameOf(channel), PreferenceMatrix.Allows(o.Topic, channel, chosen), PreferenceMatrix.CannotBeSwitchedOff(o.Topic));
        }).ToList())).ToList());
    }
}
