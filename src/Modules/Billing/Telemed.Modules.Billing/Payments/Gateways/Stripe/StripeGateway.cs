using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Payments.Webhooks;

namespace Telemed.Modules.Billing.Payments.Gateways.Stripe;

/// <summary>
/// The <c>stripe</c> adapter of <see cref="IPaymentGateway"/>, on Stripe.net: PaymentIntents with <c>capture_method=manual</c>
/// (authorise when the browser confirms the card with Stripe Elements, capture after the visit), Refunds against the intent.
/// Every POST carries the caller's idempotency key (<c>Idempotency-Key</c>), which Stripe.net also reuses for its own
/// retries, so a retry — ours or the library's — is answered from Stripe's idempotency store and moves no money twice.
/// Failures: network errors, time-outs, 5xx, 429 and 409 (a request with the same key still running), and 401/403 (our keys
/// are wrong: an operator has to fix the configuration) → <c>billing.gateway_unavailable</c>; any other 4xx →
/// <c>billing.gateway_refused</c> with Stripe's error code. Stripe's error messages can quote the card, so only codes, HTTP
/// statuses and Stripe's request id reach the logs.
/// </summary>
internal sealed class StripeGateway : IPaymentGateway, IDisposable
{
    public const string GatewayName = "stripe";

    /// <summary>The charge carries the card's brand and last four digits; without expansion the intent only names its id.</summary>
    private static readonly List<string> ExpandLatestCharge = ["latest_charge"];

    private readonly HttpClient _http;
    private readonly PaymentIntentService _intents;
    private readonly RefundService _refunds;
    private readonly ILogger<StripeGateway> _logger;

    public StripeGateway(IOptions<StripeOptions> options, ILogger<StripeGateway> logger)
    {
        var settings = options.Value;
        _logger = logger;
        PublishableKey = settings.PublishableKey;

        // One long-lived client, as Stripe.net recommends; the pooled-connection lifetime lets it follow DNS changes.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
        };
        var client = new StripeClient(
            apiKey: settings.SecretKey,
            httpClient: new SystemNetHttpClient(_http, settings.MaxNetworkRetries, appInfo: null, enableTelemetry: false),
            apiBase: settings.ApiBase.TrimEnd('/'));
        _intents = new PaymentIntentService(client);
        _refunds = new RefundService(client);
    }

    public string Name => GatewayName;

    public string? PublishableKey { get; }

    public Task<Result<GatewayIntent>> CreateIntentAsync(CreateIntentRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var options = new PaymentIntentCreateOptions
        {
            Amount = request.AmountMinor,
            Currency = request.Currency.ToLowerInvariant(),
            CaptureMethod = "manual",
            // Stripe.net 53 (API 2026-10-28) names the list allowed_payment_method_types; older versions payment_method_types.
            AllowedPaymentMethodTypes = ["card"],
            Description = request.Description,
            Metadata = new Dictionary<string, string> { ["telemed_payment_id"] = request.PaymentId.ToString("D") },
        };
        return CallAsync("create_intent", intentId: null, async () =>
            StripeMapping.ToGateway(await _intents.CreateAsync(options, Keyed(idempotencyKey), cancellationToken)), IntentOver, cancellationToken);
    }

    public Task<Result<GatewayIntent>> GetIntentAsync(string intentId, CancellationToken cancellationToken)
    {
        // A GET changes nothing, and Stripe ignores idempotency keys on GET, so none is sent.
        var options = new PaymentIntentGetOptions { Expand = ExpandLatestCharge };
        return CallAsync("get_intent", intentId, async () =>
            StripeMapping.ToGateway(await _intents.GetAsync(intentId, options, requestOptions: null, cancellationToken)), IntentOver, cancellationToken);
    }

    public Task<Result<GatewayIntent>> CaptureAsync(string intentId, long amountMinor, string idempotencyKey, CancellationToken cancellationToken)
    {
        var options = new PaymentIntentCaptureOptions { AmountToCapture = amountMinor, Expand = ExpandLatestCharge };
        return CallAsync("capture", intentId, async () =>
            StripeMapping.ToGateway(await _intents.CaptureAsync(intentId, options, Keyed(idempotencyKey), cancellationToken)), IntentOver, cancellationToken);
    }

    public Task<Result<GatewayIntent>> CancelAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var options = new PaymentIntentCancelOptions { Expand = ExpandLatestCharge };
        return CallAsync("cancel", intentId, async () =>
            StripeMapping.ToGateway(await _intents.CancelAsync(intentId, options, Keyed(idempotencyKey), cancellationToken)), IntentOver, cancellationToken);
    }

    public Task<Result<GatewayRefund>> RefundAsync(string intentId, long amountMinor, string idempotencyKey, CancellationToken cancellationToken)
    {
        var options = new RefundCreateOptions { PaymentIntent = intentId, Amount = amountMinor };
        return CallAsync("refund", intentId, async () =>
            StripeMapping.ToGateway(await _refunds.CreateAsync(options, Keyed(idempotencyKey), cancellationToken)), GatewayEventBounds.Over, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static RequestOptions Keyed(string idempotencyKey)
    {
        // A missing key would let Stripe.net invent a random one, and a retry by our caller would then move money twice.
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return new RequestOptions { IdempotencyKey = idempotencyKey };
    }

    private static (string Field, int Limit)? IntentOver(GatewayIntent intent) => GatewayEventBounds.OverInAnswer(intent);

    /// <summary>
    /// Makes the call and holds its answer to <see cref="GatewayEventBounds"/> (<paramref name="over"/> names the first field over
    /// its bound): an over-long answer is 503 <c>billing.gateway_answer_too_long</c> with nothing of it stored, logged with the field
    /// and its bound only (the value may be a client secret).
    /// </summary>
    private async Task<Result<T>> CallAsync<T>(string operation, string? intentId, Func<Task<T>> call, Func<T, (string Field, int Limit)?> over,
        CancellationToken cancellationToken)
    {
        try
        {
            var answer = await call();
            if (over(answer) is var (field, limit))
            {
                // A capture or refund answered this way did move money: the ledger cannot say so until someone reconciles it.
                _logger.LogError("Stripe answered {Operation} for intent {IntentId} with a {Field} longer than the {Limit} characters kept: nothing of the answer was stored; reconcile by hand if money moved",
                    operation, intentId, field, limit);
                return GatewayEventBounds.AnswerTooLong(field, limit);
            }

            return answer;
        }
        catch (StripeException e)
        {
            return Failure(operation, intentId, e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var failure = e is OperationCanceledException ? "time-out" : $"network error ({e.GetType().Name})";
            _logger.LogWarning("Stripe {Operation} for intent {IntentId} failed with {Failure}", operation, intentId, failure);
            return GatewayErrors.Unavailable;
        }
    }

    private Error Failure(string operation, string? intentId, StripeException e)
    {
        var status = (int)e.HttpStatusCode;
        var code = e.StripeError?.Code ?? e.StripeError?.Type ?? "unknown";
        var requestId = e.StripeResponse?.RequestId;
        switch (StripeFailures.Classify(status))
        {
            case StripeFailure.OurConfiguration:
                _logger.LogError("Stripe refused our credentials on {Operation} (HTTP {Status}, {Code}, request {RequestId}): check Billing:Stripe:SecretKey",
                    operation, status, code, requestId);
                return GatewayErrors.Unavailable;
            case StripeFailure.Transient:
                _logger.LogWarning("Stripe {Operation} for intent {IntentId} answered HTTP {Status} ({Code}, request {RequestId})",
                    operation, intentId, status, code, requestId);
                return GatewayErrors.Unavailable;
            default:
                _logger.LogInformation("Stripe refused {Operation} for intent {IntentId}: HTTP {Status}, {Code}, decline {DeclineCode}, request {RequestId}",
                    operation, intentId, status, code, e.StripeError?.DeclineCode, requestId);
                return GatewayErrors.Refused(code);
        }
    }
}
