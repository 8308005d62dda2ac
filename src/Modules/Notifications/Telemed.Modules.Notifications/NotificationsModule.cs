using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.DevelopmentOutbox;

namespace Telemed.Modules.Notifications;

public static class NotificationsModule
{
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services)
    {
        services.AddModuleDbContext<NotificationsDbContext>();
        services.AddSingleton(new ModuleMigrations("notifications", typeof(NotificationsDbContext), typeof(NotificationsModule).Assembly));
        services.AddScoped<INotificationSender, DevelopmentOutboxSender>();
        return services;
    }

    public static IEndpointRouteBuilder MapNotificationsModule(this IEndpointRouteBuilder api)
    {
        api.MapOutboxEndpoints();
        return api;
    }
}
