using Telemed.BuildingBlocks.Cluster;
using Telemed.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Consultations.Attachments;
using Telemed.Modules.Consultations.Calls;
using Telemed.Modules.Consultations.Calls.Group;
using Telemed.Modules.Consultations.Calls.Recording;
using Telemed.Modules.Consultations.Chat;
using Telemed.Modules.Consultations.Complaints.Drafts;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.OnCall;
using Telemed.Modules.Consultations.OnCall.FrontDesk;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Consultations.WaitingRoom;
using Telemed.BuildingBlocks.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Telemed.Modules.Consultations;

/// <summary>Consultations: complaint and triage, waiting room, on-call pool, video calls and secure chat.</summary>
public sealed class ConsultationsModule : IModule
{
    public string Name => "consultations";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsultationsOptions>().Bind(configuration.GetSection(ConsultationsOptions.Section))
            .Validate(o => o.Video.TurnUrls.Count == 0 || !string.IsNullOrEmpty(o.Video.TurnSecret), "Consultations:Video:TurnUrls needs Consultations:Video:TurnSecret.")
            .Validate(o => o.Video.IceTransportPolicy is "all" or "relay", "Consultations:Video:IceTransportPolicy is 'all' or 'relay'.")
            .Validate(o => !o.Video.Sfu.Janus.Configured || (!string.IsNullOrEmpty(o.Video.Sfu.Janus.AdminUrl) && !string.IsNullOrEmpty(o.Video.Sfu.Janus.BrowserUrl)
                && (o.Video.Sfu.Janus.AdminSecret?.Length ?? 0) >= 16), "Consultations:Video:Sfu:Janus needs AdminUrl, BrowserUrl and an AdminSecret of at least 16 characters.")
            .Validate(o => o.Video.Sfu.MaxGuests is >= 1 and <= 8, "Consultations:Video:Sfu:MaxGuests is 1 to 8.")
            .Validate(o => o.Attachments.MaxBytes > 0, "Consultations:Attachments:MaxBytes must be positive.")
            .Validate(o => o.Attachments.UnattachedRetentionHours is >= 1 and <= 8760, "Consultations:Attachments:UnattachedRetentionHours is 1 to 8760.")
            .Validate(o => o.Complaints.DraftRetentionDays is >= 1 and <= 365, "Consultations:Complaints:DraftRetentionDays is 1 to 365.")
            .ValidateOnStart();
        services.AddModuleDbContext<ConsultationsDbContext>();
        // Levels for dashboards and alerts: two indexed counts every refresh interval, not per scrape.
        services.AddPlatformGauge(new PlatformGauge("telemed.waiting_room.patients", "{patient}", "Patients waiting in the waiting room (all hosts).",
            async (sp, ct) => await sp.GetRequiredService<ConsultationsDbContext>().Consultations.CountAsync(c => c.Status == ConsultationStatus.Waiting, ct)));
        services.AddPlatformGauge(new PlatformGauge("telemed.consultations.active", "{consultation}", "Consultations in progress (all hosts).",
            async (sp, ct) => await sp.GetRequiredService<ConsultationsDbContext>().Consultations.CountAsync(c => c.Status == ConsultationStatus.InProgress, ct)));
        services.AddSingleton(new ModuleMigrations("consultations", typeof(ConsultationsDbContext), typeof(ConsultationsModule).Assembly));
        services.AddScoped<QueueReader>();
        services.AddScoped<IOnCallFigures, OnCall.OnCallFiguresReader>();
        services.AddScoped<IConsultationAnalytics, Analytics.ConsultationAnalyticsReader>();
        services.AddHostedService<Analytics.ConsultationRollupRefresher>();
        services.AddIntegrationEventHandler<Telemed.Modules.Directory.Contracts.ClinicTimeZoneChanged, Analytics.MarkClinicDaysWhenTimeZoneChanges>();
        services.AddScoped<WaitingRoomFeed>();
        services.AddScoped<ConsultationAccess>();
        services.AddScoped<ConsultationViews>();
        services.AddScoped<Visits.Admission.Admissions>();
        services.AddScoped<Visits.Admission.EnterWaitingRoom>();
        services.AddScoped<Visits.Admission.RequestOnDemand>();
        services.AddScoped<Visits.Accept.AcceptConsultation>();
        services.AddScoped<Visits.End.ConsultationEndings>();
        services.AddScoped<Visits.End.EndConsultation>();
        services.AddScoped<Visits.End.FailConsultation>();
        services.AddScoped<ConversationAccess>();
        services.AddSingleton<ChatReaderLeases>();
        services.AddSingleton<ConversationKeysCache>();
        services.AddScoped<ChatViews>();
        services.AddScoped<Chat.ListConversations.ListConversationsHandler>();
        services.AddScoped<Chat.StartConversation.StartConversationHandler>();
        services.AddScoped<Chat.SendMessage.SendMessageHandler>();
        services.AddSingleton<Chat.SendMessage.ChatGroupCommit>();
        services.AddScoped<Chat.SendMessage.NewMessageNotices>();
        services.AddScoped<Chat.SendMessage.NewMessageNoticeSender>();
        services.AddScoped<Chat.MarkRead.MarkReadHandler>();
        services.AddScoped<Escalations>();
        services.AddScoped<IConsultationsModule, ConsultationsFacade>();
        services.AddScoped<IConsultationHistory, ConsultationHistoryFacade>();
        services.AddScoped<IConsultationRecords, ConsultationRecordsFacade>();
        services.AddSingleton<CallRoster>();
        services.AddClusterSignalHandler<CallClosedEverywhere, DropEndedCall>();
        services.AddScoped<VideoProposals>();
        services.AddSingleton<CallTokens>();
        services.AddSingleton<IceServers>();
        services.AddSingleton(CallBrowserSources.For(configuration[$"{ConsultationsOptions.Section}:Video:Sfu:Janus:BrowserUrl"]));
        services.AddScoped<Calls.Group.GroupCalls>();
        services.AddScoped<Calls.Group.GroupCallRooms>();
        services.AddScoped<Telemed.Modules.Identity.Contracts.ISessionEndedHandler, Calls.Group.DropFromRoomsWhenSignedOut>();
        services.AddScoped<Calls.Group.ScreenSharing>();
        services.AddScoped<Calls.Recording.CallRecordings>();
        services.AddScoped<Calls.Recording.RecordingMedia>();
        services.AddScoped<Calls.Recording.RecordingPass>();
        if (!string.IsNullOrEmpty(configuration[$"{ConsultationsOptions.Section}:Video:Sfu:Janus:RecordingsDirectory"]))
        {
            // Only where calls can be recorded: elsewhere there is nothing to process or expire.
            services.AddHostedService<Calls.Recording.RecordingWorker>();
        }

        services.AddHttpClient<Calls.Media.JanusSfu>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<Calls.Media.ISelectiveForwardingUnit>(sp =>
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConsultationsOptions>>().Value.Video.Sfu.Janus.Configured
                ? sp.GetRequiredService<Calls.Media.JanusSfu>()
                : new Calls.Media.NoSelectiveForwardingUnit());
        services.AddSingleton<UnattachedAttachmentRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<UnattachedAttachmentRetention>());
        services.AddSingleton<Complaints.Drafts.ComplaintDraftRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<Complaints.Drafts.ComplaintDraftRetention>());
        services.AddSingleton<ConsultationsWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsultationsWorker>());
        services.AddIntegrationEventHandler<ConsultationStarted, GrantCareAccessWhenStarted>();
        services.AddSignalR();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var consultations = api.MapGroup("/consultations");
        consultations.MapQueueEndpoints();
        consultations.MapEscalationDesk();
        consultations.MapComplaintDrafts();
        consultations.MapChatEndpoints();
        consultations.MapAttachmentEndpoints();
        consultations.MapCallEndpoints();
        consultations.MapGroupCallEndpoints();
        consultations.MapCallRecordingEndpoints();
        api.MapCallInvitations();
        api.MapRecordingPolicyEndpoints();
        consultations.MapConsultationEndpoints();
    }

    public void MapHubs(IEndpointRouteBuilder app)
    {
        app.MapHub<WaitingRoomHub>(WaitingRoomHub.Path);
        app.MapHub<CallHub>(CallHub.Path);
        app.MapHub<ChatHub>(ChatHub.Path);
    }
}
