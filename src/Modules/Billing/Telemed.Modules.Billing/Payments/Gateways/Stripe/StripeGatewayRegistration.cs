using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Telemed.Modules.Billing.Payments.Gateways.Stripe;

/// <summary>Wires the Stripe adapter; the billing module calls it when <c>Billing:Gateway</c> is <c>stripe</c>.</summary>
public static class StripeGatewayRegistration
{
    /// <summary>
    /// Binds <see cref="StripeOptions"/> from <c>Billing:Stripe</c> and checks them when the host starts (a missing
    /// <c>SecretKey</c> or <c>WebhookSecret</c> stops the start with a message naming the key); registers
    /// <see cref="IPaymentGateway"/> and <see cref="IGatewayWebhooks"/> as singletons: one Stripe client for the process,
    /// as Stripe.net recommends.
    /// </summary>
    public static IServiceCollection Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection(StripeOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidator>();
        services.AddSingleton<StripeGateway>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<StripeGateway>());
        services.AddSingleton<StripeWebhooks>();
        services.AddSingleton<IGatewayWebhooks>(sp => sp.GetRequiredService<StripeWebhooks>());
        return services;
    }
}
