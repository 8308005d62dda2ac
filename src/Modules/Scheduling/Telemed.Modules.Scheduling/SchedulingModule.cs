using Telemed.BuildingBlocks.Cluster;
using Microsoft.Extensions.Configuration;
using Telemed.BuildingBlocks.Modules;
using Telemed.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Appointments.LicenceWarning;
using Telemed.Modules.Scheduling.Appointments.FollowUp;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Calendars;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.FrontDesk;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.ClinicRules;
using Telemed.Modules.Scheduling.Notices;
using Telemed.Modules.Scheduling.Reminders;
using Telemed.Modules.Scheduling.Slots;
using Telemed.Modules.Scheduling.Waitlist;

namespace Telemed.Modules.Scheduling;

/// <summary>Scheduling: availability, slots, appointments, waitlist, reminders, calendars and the live front desk.</summary>
public sealed class SchedulingModule : IModule
{
    public string Name => "scheduling";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<SchedulingDbContext>();
        services.AddSingleton(new ModuleMigrations("scheduling", typeof(SchedulingDbContext), typeof(SchedulingModule).Assembly));
        services.AddSingleton<SchedulingReferenceData>();
        services.AddClusterSignalHandler<SchedulingReferenceChanged, ClearSchedulingReferenceData>();
        services.AddHostedService<SchedulingReferenceWatch>();
        services.AddScoped<ScheduleReader>();
        services.AddScoped<SlotFinder>();
        services.AddScoped<IScheduleSlots, ScheduleSlotsReader>();
        services.AddScoped<ClinicPolicies>();
        services.AddScoped<ReminderPlanner>();
        services.AddScoped<SlotReservations>();
        services.AddScoped<BookAppointment>();
        services.AddScoped<RescheduleAppointment>();
        services.AddScoped<CancelAppointment>();
        services.AddScoped<ChangeAppointmentStatus>();
        services.AddScoped<Availability.AffectedVisits.VisitsOutsideHours>();
        services.AddScoped<AppointmentAccess>();
        services.AddScoped<AppointmentTransitions>();
        services.AddScoped<AppointmentViews>();
        services.AddScoped<IdempotentRequests>();
        services.AddSingleton<Telemed.BuildingBlocks.Data.IExpiringRequestKeys, ExpiringIdempotencyRecords>();
        services.AddScoped<OfferFreedTime>();
        services.AddScoped<WaitlistOfferNotice>();
        services.AddScoped<AcceptOffer>();
        services.AddScoped<DeclineOffer>();
        services.AddScoped<CloseSatisfiedEntries>();
        services.AddScoped<NoticeDelivery>();
        services.AddSingleton<NoticeTemplates>();
        services.AddScoped<ReminderSender>();
        services.AddScoped<ActionLinks>();
        services.AddScoped<Calendars.CalendarFeedTokens>();
        services.AddSingleton<MessageTemplates>();
        services.AddPublicUrls();
        services.AddSingleton<FrontDeskFeed>();
        services.AddScoped<ISchedulingModule, SchedulingFacade>();
        services.AddScoped<IVisitFigures, Appointments.VisitFiguresReader>();
        services.AddScoped<IVisitAnalytics, Analytics.VisitAnalyticsReader>();
        services.AddHostedService<Analytics.VisitRollupRefresher>();
        services.AddIntegrationEventHandler<Telemed.Modules.Directory.Contracts.ClinicTimeZoneChanged, Analytics.MarkClinicDaysWhenTimeZoneChanges>();
        services.AddSingleton<SchedulingWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulingWorker>());
        services.AddIntegrationEventHandler<AppointmentTimeFreed, OfferFreedTimeToWaitlist>();
        services.AddIntegrationEventHandler<WaitlistOfferWithdrawn, OfferFreedTimeToWaitlist>();
        services.AddScoped<Appointments.CareAccess.AppointmentCareAccessRevision>();
        services.AddScoped<IStartupTask, Appointments.CareAccess.BoundOpenEndedAppointmentAccess>();
        services.AddIntegrationEventHandler<AppointmentBooked, GrantCareAccessWhenBooked>();
        services.AddIntegrationEventHandler<AppointmentCancelled, ReviseCareAccessWhenAppointmentChanges>();
        services.AddIntegrationEventHandler<AppointmentRescheduled, ReviseCareAccessWhenAppointmentChanges>();
        services.AddIntegrationEventHandler<AppointmentMarkedNoShow, ReviseCareAccessWhenAppointmentChanges>();
        services.AddIntegrationEventHandler<AppointmentBooked, SendAppointmentNotices>();
        services.AddIntegrationEventHandler<AppointmentRescheduled, SendAppointmentNotices>();
        services.AddIntegrationEventHandler<AppointmentCancelled, SendAppointmentNotices>();
        services.AddIntegrationEventHandler<Consultations.Contracts.ConsultationCompleted, CompleteAppointmentWhenConsultationCompleted>();
        services.AddSignalR();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var scheduling = api.MapGroup("/scheduling");
        scheduling.MapAvailabilityEndpoints();
        scheduling.MapSlotEndpoints();
        scheduling.MapAppointmentEndpoints();
        scheduling.MapCalendarEndpoints();
        scheduling.MapDayEndpoints();
        scheduling.MapPolicyEndpoints();
        scheduling.MapWaitlistEndpoints();
        scheduling.MapReminderActionEndpoints();
        scheduling.MapFollowUpEndpoints();
        scheduling.MapVisitsAfterLicenceEndpoint();
    }

    public void MapHubs(IEndpointRouteBuilder app)
    {
        app.MapHub<FrontDeskHub>(FrontDeskHub.Path);
    }
}
