using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Notifications.Email;
using Telemed.Modules.Notifications.Policy;
using Telemed.Modules.Notifications.Sms;

namespace Telemed.Modules.Notifications.DevelopmentOutbox;

/// <summary>
/// How messages leave the platform: <paramref name="Email"/> <c>outbox</c> or <c>smtp</c>, <paramref name="Sms"/>
/// <c>outbox</c> or <c>twilio</c>, and whether the development outbox can be read (Admin → Outbox; true only in Development).
/// </summary>
public sealed record NotificationChannelsView(EmailProvider Email, SmsProvider Sms, bool DevelopmentOutbox);

internal static class ChannelEndpoints
{
    /// <summary><c>GET /admin/notification-channels</c> (admins): lets the web app show Admin → Outbox only where it exists.</summary>
    public static void MapChannelEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/admin/notification-channels", Describe).RequireAuthorization(Policies.Admin).WithTags("Notifications").WithName("DescribeNotificationChannels");

    private static Ok<NotificationChannelsView> Describe(IOptions<EmailOptions> email, IOptions<SmsOptions> sms, IHostEnvironment environment) =>
        TypedResults.Ok(new NotificationChannelsView(email.Value.Provider, sms.Value.Provider, OutboxPolicy.OutboxCanBeRead(environment.IsDevelopment())));
}
