using Microsoft.Extensions.Configuration;
using Telemed.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.Delivery;
using Telemed.Modules.Notifications.DevelopmentOutbox;
using Telemed.Modules.Notifications.Email;
using Telemed.Modules.Notifications.Sms;

namespace Telemed.Modules.Notifications;

public sealed class NotificationsModule : IModule
{
    public string Name => "notifications";

    /// <summary>
    /// The notifications port and its channels. E-mail goes to <c>Notifications:Email:Provider</c> (<c>Outbox</c> by default,
    /// or <c>Smtp</c>), SMS to <c>Notifications:Sms:Provider</c> (<c>Outbox</c> by default, or <c>Twilio</c>); the host
    /// refuses to start when a chosen provider lacks its settings.
    /// </summary>
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<NotificationsDbContext>();
        services.AddSingleton(new ModuleMigrations("notifications", typeof(NotificationsDbContext), typeof(NotificationsModule).Assembly));

        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmsOptions>, SmsOptionsValidator>();

        services.AddScoped<DevelopmentOutboxSender>();
        services.AddSingleton<SmtpEmailChannel>();
        services.AddSingleton<TwilioSmsChannel>();
        // Time-outs are per attempt (Notifications:Sms:TimeoutSeconds), inside the channel's retry loop.
        services.AddHttpClient(TwilioSmsChannel.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);

        services.AddScoped<IEmailChannel>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Provider switch
        {
            EmailProvider.Smtp => sp.GetRequiredService<SmtpEmailChannel>(),
            _ => sp.GetRequiredService<DevelopmentOutboxSender>(),
        });
        services.AddScoped<ISmsChannel>(sp => sp.GetRequiredService<IOptions<SmsOptions>>().Value.Provider switch
        {
            SmsProvider.Twilio => sp.GetRequiredService<TwilioSmsChannel>(),
            _ => sp.GetRequiredService<DevelopmentOutboxSender>(),
        });
        services.AddScoped<INotificationSender, RoutingNotificationSender>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapOutboxEndpoints();
    }
}
