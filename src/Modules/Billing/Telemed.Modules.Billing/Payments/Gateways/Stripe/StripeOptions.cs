using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Http;

namespace Telemed.Modules.Billing.Payments.Gateways.Stripe;

/// <summary>
/// Bound from <c>Billing:Stripe</c> (e.g. <c>Billing__Stripe__SecretKey</c>), read when <c>Billing:Gateway</c> is <c>stripe</c>.
/// Keys come from the Stripe dashboard (Developers → API keys, and the webhook endpoint's signing secret); they are secrets
/// except <see cref="PublishableKey"/>, which the browser uses with Stripe Elements.
/// </summary>
public sealed class StripeOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "Billing:Stripe";

    /// <summary>The secret API key (<c>sk_live_…</c>, <c>sk_test_…</c>) or a restricted key (<c>rk_…</c>) with PaymentIntents and Refunds write access.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The publishable key (<c>pk_…</c>) handed to the browser for Stripe Elements; card details go from there to Stripe, never to us.</summary>
    public string? PublishableKey { get; set; }

    /// <summary>The webhook endpoint's signing secret (<c>whsec_…</c>), used to verify <c>Stripe-Signature</c>.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Stripe's API address; tests point it at a local Stripe-like server.</summary>
    public string ApiBase { get; set; } = "https://api.stripe.com";

    /// <summary>Time allowed for one HTTP request to Stripe, in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>
    /// Retries Stripe.net makes itself after a network error, a time-out, 409 or 5xx (with back-off, 0.5–5 s), always with the
    /// same idempotency key, so a retry never moves money twice. 2 is Stripe.net's default.
    /// </summary>
    public int MaxNetworkRetries { get; set; } = 2;
}

/// <summary>Refuses to start the host with the Stripe gateway chosen but its keys missing or its settings out of range.</summary>
internal sealed class StripeOptionsValidator : IValidateOptions<StripeOptions>
{
    private const string Prefix = StripeOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, StripeOptions options)
    {
        var failures = new List<string>();
        const string when = " when Billing:Gateway is stripe.";
        if (string.IsNullOrWhiteSpace(options.SecretKey))
        {
            failures.Add($"{Prefix}SecretKey is required{when}");
        }

        if (string.IsNullOrWhiteSpace(options.WebhookSecret))
        {
            failures.Add($"{Prefix}WebhookSecret is required{when}");
        }

        // The host's outbound rule (docs/security.md, "Addresses the host calls"): the operator's own setting may name this
        // machine (a local relay or fake), but never a link-local or metadata address nor carry credentials.
        if (OutboundUrlRule.Problem(options.ApiBase, allowLoopback: true) is { } problem)
        {
            failures.Add($"{Prefix}ApiBase must be an absolute https address (http only to this machine) without credentials: it {problem}.");
        }

        if (options.TimeoutSeconds is < 1 or > 300)
        {
            failures.Add($"{Prefix}TimeoutSeconds must be between 1 and 300.");
        }

        if (options.MaxNetworkRetries is < 0 or > 5)
        {
            failures.Add($"{Prefix}MaxNetworkRetries must be between 0 and 5.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
