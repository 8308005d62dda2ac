using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telemed.Modules.Billing.Contracts;

namespace Telemed.Modules.Billing.Payments.Gateways.Stripe;

/// <summary>Wires the Stripe adapter; the billing module calls it when <c>Billing:Gateway</c> is <c>stripe</c>.</summary>
public static class StripeGatewayRegistration
{
    /// <summary>
    /// Binds <see cref="StripeOptions"/> from <c>Billing:Stripe</c> and checks them when the host starts (a missing
    /// <c>SecretKey</c> or <c>WebhookSecret</c> stops the start with a message naming the key); registers
    /// <see cref="IPaymentGateway"/> and <see cref="IGatewayWebhooks"/> as singletons: one Stripe client for the process,
    /// as Stripe.net recommends; and <see cref="BrowserSources"/>, so the host's Content-Security-Policy lets Stripe.js and its
    /// frames load.
    /// </summary>
    public static IServiceCollection Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection(StripeOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidator>();
        services.AddSingleton<StripeGateway>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<StripeGateway>());
        services.AddSingleton<StripeWebhooks>();
        services.AddSingleton<IGatewayWebhooks>(sp => sp.GetRequiredService<StripeWebhooks>());
        services.AddSingleton(BrowserSources);
        return services;
    }

    /// <summary>
    /// What Stripe documents for Elements in a Content-Security-Policy: Stripe.js from js.stripe.com, its card and 3-D Secure
    /// frames from js.stripe.com and hooks.stripe.com, and its calls to api.stripe.com.
    /// </summary>
    public static PaymentBrowserSources BrowserSources { get; } = new(
        Scripts: ["https://js.stripe.com"],
        Frames: ["https://js.stripe.com", "https://hooks.stripe.com"],
        Connections: ["https://api.stripe.com"]);
}
