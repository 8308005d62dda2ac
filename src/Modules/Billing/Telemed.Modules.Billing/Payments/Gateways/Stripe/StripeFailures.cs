namespace Telemed.Modules.Billing.Payments.Gateways.Stripe;

/// <summary>What a failed Stripe call means for the caller.</summary>
internal enum StripeFailure
{
    /// <summary>Try again later, with the same idempotency key: nothing changed, or Stripe will replay what did.</summary>
    Transient,

    /// <summary>Our API key is missing, wrong or lacks a permission: nothing the patient did; an operator must fix it.</summary>
    OurConfiguration,

    /// <summary>Stripe refused this step for good (e.g. capture of a cancelled intent, refund above what was captured).</summary>
    Refused,
}

/// <summary>
/// Sorts Stripe's HTTP answers (https://docs.stripe.com/api/errors): no status (no answer), 409 (the same idempotency key
/// is still being processed), 429 (rate limited) and 5xx are transient; 401 and 403 are our configuration; other 4xx are
/// refusals.
/// </summary>
internal static class StripeFailures
{
    public static StripeFailure Classify(int httpStatus) => httpStatus switch
    {
        0 or 409 or 429 or >= 500 => StripeFailure.Transient,
        401 or 403 => StripeFailure.OurConfiguration,
        _ => StripeFailure.Refused,
    };
}
