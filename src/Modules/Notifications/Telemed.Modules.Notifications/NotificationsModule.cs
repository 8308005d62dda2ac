using Microsoft.Extensions.Configuration;
using Telemed.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.Delivery;
using Telemed.Modules.Notifications.DevelopmentOutbox;
using Telemed.Modules.Notifications.Email;
using Telemed.Modules.Notifications.Inbox;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.FrontOffice.Contracts;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Notifications.Policy;
using Telemed.Modules.Notifications.Sms;
using Telemed.Modules.Notifications.Preferences;
using Telemed.Modules.Notifications.Unsubscribe;
using Telemed.BuildingBlocks.Http;

namespace Telemed.Modules.Notifications;

public sealed class NotificationsModule : IModule
{
    public string Name => "notifications";

    /// <summary>
    /// The notifications port and its channels. E-mail goes to <c>Notifications:Email:Provider</c> (<c>Outbox</c> by default,
    /// or <c>Smtp</c>), SMS to <c>Notifications:Sms:Provider</c> (<c>Outbox</c> by default, or <c>Twilio</c>); the host
    /// refuses to start when a chosen provider lacks its settings, and outside Development when a channel is still the
    /// outbox (unless <c>Notifications:AllowOutboxOutsideDevelopment</c>).
    /// </summary>
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<NotificationsDbContext>();
        services.AddSingleton(new ModuleMigrations("notifications", typeof(NotificationsDbContext), typeof(NotificationsModule).Assembly));

        services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section);
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmsOptions>, SmsOptionsValidator>();

        services.AddScoped<DevelopmentOutboxSender>();
        services.AddSingleton<SmtpConnections>();
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
        services.AddPublicUrls();
        services.AddSingleton<UnsubscribeLinks>();

        // The notification centre: fed by other modules' events, read through /me/notifications, pushed on /hubs/notifications.
        services.AddScoped<NotificationInbox>();
        services.AddScoped<INotificationPreferences, NotificationPreferences>();
        services.AddScoped<INotificationCentre, NotificationCentre>();
        services.AddScoped<INotificationHistoryErasure, NotificationHistoryErasure>();
        services.AddSingleton<NotificationFeed>();
        services.AddHostedService<NotificationRetention>();
        services.AddIntegrationEventHandler<AppointmentBooked, CreateNotificationsFromEvents>();
        services.AddIntegrationEventHandler<AppointmentRescheduled, CreateNotificationsFromEvents>();
        services.AddIntegrationEventHandler<AppointmentCancelled, CreateNotificationsFromEvents>();
        services.AddIntegrationEventHandler<ClinicMessageSent, CreateNotificationsFromEvents>();
        services.AddIntegrationEventHandler<ReviewFlagRaised, CreateNotificationsFromEvents>();
        services.AddIntegrationEventHandler<Telemed.Modules.Billing.Contracts.PaymentRefunded, CreateNotificationsFromEvents>();
        services.AddIntegrationEventHandler<Telemed.Modules.Billing.Contracts.PaymentCaptured, CreateNotificationsFromEvents>();
        services.AddIntegrationEventHandler<Telemed.Modules.Pharmacy.Contracts.PrescriptionSentToPharmacy, DispensingNotifications>();
        services.AddIntegrationEventHandler<Telemed.Modules.Pharmacy.Contracts.PrescriptionDispensed, DispensingNotifications>();
        services.AddIntegrationEventHandler<Telemed.Modules.Pharmacy.Contracts.PrescriptionDeclined, DispensingNotifications>();
        services.AddIntegrationEventHandler<Telemed.Modules.Clinical.Contracts.RefillRequestDecided, NotifyPatientOfRefillDecision>();
        services.AddIntegrationEventHandler<Telemed.Modules.Labs.Contracts.LabResultReceived, LabResultNotifications>();
        services.AddIntegrationEventHandler<Telemed.Modules.Labs.Contracts.LabResultReleased, LabResultNotifications>();
        services.AddIntegrationEventHandler<Telemed.Modules.Labs.Contracts.LabResultWithdrawn, LabResultNotifications>();
    }

    public void MapHubs(IEndpointRouteBuilder app) => app.MapHub<NotificationsHub>(NotificationsHub.Path);

    /// <summary>The admin routes; the outbox's exist only in Development (404 elsewhere: they hold working sign-in links).</summary>
    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var environment = api.ServiceProvider.GetRequiredService<IHostEnvironment>();
        if (OutboxPolicy.OutboxCanBeRead(environment.IsDevelopment()))
        {
            api.MapOutboxEndpoints();
        }
        else if (api.ServiceProvider.GetRequiredService<IOptions<NotificationsOptions>>().Value.AllowOutboxOutsideDevelopment)
        {
            api.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(NotificationsModule)).LogWarning(
                "Notifications:AllowOutboxOutsideDevelopment is set in the {Environment} environment: messages on an outbox channel are NOT sent " +
                "(patients get no verification, reset or reminder messages); they are kept with their links removed", environment.EnvironmentName);
        }

        api.MapChannelEndpoints();
        api.MapNotificationEndpoints();
        api.MapPreferenceEndpoints();
        api.MapUnsubscribeEndpoints();
    }
}
