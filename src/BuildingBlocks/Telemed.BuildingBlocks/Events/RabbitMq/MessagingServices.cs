using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Telemed.BuildingBlocks.Events.RabbitMq;

public static class MessagingServices
{
    /// <summary>
    /// How integration events travel: the shared delivery code always, and RabbitMQ (publisher for the outbox dispatcher,
    /// consumer on every host) only when <c>Messaging:RabbitMq:ConnectionString</c> is set.
    /// </summary>
    public static IServiceCollection AddTelemedMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<IntegrationEventDelivery>();
        var section = configuration.GetSection(RabbitMqOptions.Section);
        services.Configure<RabbitMqOptions>(section);
        var options = section.Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddSingleton<RabbitMqOutboxPublisher>();
        services.AddSingleton<IOutboxTransport>(sp => sp.GetRequiredService<RabbitMqOutboxPublisher>());
        if (options.Consume)
        {
            services.AddHostedService<RabbitMqOutboxConsumer>();
        }

        return services;
    }
}
