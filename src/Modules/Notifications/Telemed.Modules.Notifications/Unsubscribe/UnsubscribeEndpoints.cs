using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.DevelopmentOutbox;
using Telemed.Modules.Notifications.Preferences;

namespace Telemed.Modules.Notifications.Unsubscribe;

/// <summary>What an unsubscribe link stops: <c>topic</c> (<c>messages</c>, <c>bookings</c>, <c>reminders</c>) on <c>channel</c> <c>email</c>, and whether those e-mails are still on.</summary>
public sealed record UnsubscribeLinkView(string Topic, string Channel, bool Enabled);

/// <summary>
/// The unsubscribe links of optional e-mails, without signing in (the link is the credential, <see cref="UnsubscribeLinks"/>).
/// GET <c>/notifications/unsubscribe/{token}</c> only describes the link (mail scanners open links); POST switches that topic's
/// e-mails off, once or again (the same answer), and is what a mail client's one-click unsubscribe sends (RFC 8058: a form body
/// <c>List-Unsubscribe=One-Click</c>, which is not needed and not read). Errors: 404 <c>notifications.unsubscribe_link_invalid</c>
/// for a token this server did not make or for an account that no longer exists. Audited as a settings change.
/// </summary>
internal static class UnsubscribeEndpoints
{
    public static readonly Error Invalid = new("notifications.unsubscribe_link_invalid",
        "This unsubscribe link is not valid. Change which e-mails you get in your notification settings.", ErrorKind.NotFound);

    public static void MapUnsubscribeEndpoints(this IEndpointRouteBuilder api)
    {
        var link = api.MapGroup("/notifications/unsubscribe/{token}").WithTags("Notifications").AllowAnonymous().DisableAntiforgery();
        link.MapGet("", DescribeAsync).WithName("DescribeUnsubscribeLink");
        link.MapPost("", UnsubscribeAsync).WithName("UseUnsubscribeLink");
    }

    private static async Task<Results<Ok<UnsubscribeLinkView>, ProblemHttpResult>> DescribeAsync(string token, UnsubscribeLinks links, NotificationsDbContext db,
        IRecipientLanguage accounts, CancellationToken ct)
    {
        if (links.Read(token) is not { } named || await accounts.GetPreferredLanguageAsync(named.UserId, ct) is null)
        {
            return Problems.From(Invalid);
        }

        var chosen = await db.Preferences.AsNoTracking()
            .Where(p => p.UserId == named.UserId && p.Topic == named.Topic && p.Channel == NotificationChannel.Email)
            .Select(p => (bool?)p.Enabled).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new UnsubscribeLinkView(named.Topic, PreferenceMatrix.NameOf(NotificationChannel.Email),
            PreferenceMatrix.Allows(named.Topic, NotificationChannel.Email, chosen)));
    }

    private static async Task<Results<Ok<UnsubscribeLinkView>, ProblemHttpResult>> UnsubscribeAsync(string token, UnsubscribeLinks links, NotificationsDbContext db,
        IRecipientLanguage accounts, TimeProvider clock, CancellationToken ct)
    {
        if (links.Read(token) is not { } named || await accounts.GetPreferredLanguageAsync(named.UserId, ct) is null)
        {
            return Problems.From(Invalid);
        }

        await PreferenceEndpoints.SaveAsync(db, named.UserId, [(named.Topic, NotificationChannel.Email, false)], clock, ct);
        return TypedResults.Ok(new UnsubscribeLinkView(named.Topic, PreferenceMatrix.NameOf(NotificationChannel.Email), false));
    }
}
