using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// A local stand-in for Stripe's API (Kestrel on 127.0.0.1 and a free port), answering the PaymentIntents and Refunds calls
/// the way https://docs.stripe.com/api documents them: form-encoded requests (<c>metadata[k]=v</c>, <c>expand[0]=…</c>),
/// JSON objects of the documented shapes, Stripe-style errors (<c>{"error":{"type","code","message","param",…}}</c>) and a
/// <c>Request-Id</c> header. Endpoints: <c>POST /v1/payment_intents</c>, <c>GET /v1/payment_intents/{id}</c>,
/// <c>POST /v1/payment_intents/{id}/confirm</c> (what Stripe.js does in the browser: with the publishable key and the
/// client secret, or the secret key; test payment methods <c>pm_card_visa</c>, <c>pm_card_mastercard</c>,
/// <c>pm_card_chargeDeclined</c>, <c>pm_card_chargeDeclinedInsufficientFunds</c>, <c>pm_card_authenticationRequired</c>),
/// <c>…/capture</c> (<c>amount_to_capture</c>), <c>…/cancel</c>, <c>POST /v1/refunds</c> (<c>payment_intent</c>, <c>amount</c>).
/// <para><b>Idempotency as Stripe documents it</b> (https://docs.stripe.com/api/idempotent_requests): a POST whose
/// <c>Idempotency-Key</c> was seen with the same path and parameters gets the first answer replayed (status and body, with
/// <c>Idempotent-Replayed: true</c>); with other parameters, 400 <c>idempotency_error</c>. Answers of requests that failed
/// before executing (bad API key, missing parameters, injected 5xx) are not kept, so a retry executes.</para>
/// <para>Every request is recorded (<see cref="Requests"/>: method, path, fields, <c>Idempotency-Key</c>, <c>Authorization</c>,
/// the answer). <see cref="FailNext"/> answers the next calls with a 5xx before doing anything; <see cref="DelayNext"/> does
/// the work and then answers late (the case where a client times out although the money moved). State changes raise events
/// (<see cref="Events"/>) that <see cref="DeliverAsync"/> posts, signed like Stripe (<c>Stripe-Signature: t=…,v1=…</c>), to a
/// webhook endpoint.</para>
/// </summary>
public sealed partial class StripeLikeServer : IAsyncLifetime
{
    public const string DefaultSecretKey = "sk_test_51TelemedLocalStripeSecretKey0000000000";
    public const string DefaultPublishableKey = "pk_test_51TelemedLocalStripePublishableKey000000";
    public const string DefaultWebhookSecret = "whsec_TelemedLocalStripeWebhookSigningSecret00";
    public const string ApiVersion = "2026-10-28.endive";

    private static readonly string[] CancellableStatuses = ["requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing"];

    private readonly object _gate = new();
    private readonly List<StripeLikeRequest> _requests = [];
    private readonly List<StripeLikeEvent> _events = [];
    private readonly Dictionary<string, Intent> _intents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Charge> _charges = new(StringComparer.Ordinal);
    private readonly List<RefundRecord> _refunds = [];
    private readonly Dictionary<string, StoredAnswer> _idempotency = new(StringComparer.Ordinal);
    private readonly Queue<int> _failures = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _idLengths = new(StringComparer.Ordinal);
    private readonly Queue<TimeSpan> _delays = new();
    private readonly HttpClient _webhookClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebApplication? _app;

    public string SecretKey { get; init; } = DefaultSecretKey;
    public string PublishableKey { get; init; } = DefaultPublishableKey;
    public string WebhookSecret { get; init; } = DefaultWebhookSecret;

    /// <summary>E.g. <c>http://127.0.0.1:41234</c>, the value for <c>Billing:Stripe:ApiBase</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<StripeLikeRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>Every event raised so far, in order (as Stripe lists them under Developers → Events).</summary>
    public IReadOnlyList<StripeLikeEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToList();
            }
        }
    }

    public async Task InitializeAsync()
    {
        (_app, BaseUrl) = await LoopbackServer.StartAsync(HandleAsync);
    }

    public async Task DisposeAsync()
    {
        _webhookClient.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Settings that make a <see cref="TelemedHost"/> use this server: <c>Billing:Gateway=stripe</c> and the <c>Billing:Stripe:*</c> keys.</summary>
    public Dictionary<string, string?> HostSettings(int timeoutSeconds = 5, int maxNetworkRetries = 0) => new()
    {
        ["Billing:Gateway"] = "stripe",
        ["Billing:Stripe:SecretKey"] = SecretKey,
        ["Billing:Stripe:PublishableKey"] = PublishableKey,
        ["Billing:Stripe:WebhookSecret"] = WebhookSecret,
        ["Billing:Stripe:ApiBase"] = BaseUrl,
        ["Billing:Stripe:TimeoutSeconds"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ["Billing:Stripe:MaxNetworkRetries"] = maxNetworkRetries.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Answer the next <paramref name="count"/> API calls with <paramref name="status"/> (Stripe's <c>api_error</c>) before doing anything.</summary>
    public void FailNext(int count, int status = 500)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _failures.Enqueue(status);
            }
        }
    }

    /// <summary>
    /// Make the ids with <paramref name="prefix"/> (<c>pi</c>, <c>re</c>, …) <paramref name="length"/> characters long from now on
    /// (Stripe documents ids of up to 255 characters; ours are 27); null goes back to the usual length.
    /// </summary>
    public void IdLength(string prefix, int? length)
    {
        if (length is { } l)
        {
            _idLengths[prefix] = l;
        }
        else
        {
            _idLengths.TryRemove(prefix, out _);
        }
    }

    /// <summary>Do the next <paramref name="count"/> API calls, then wait <paramref name="delay"/> before answering.</summary>
    public void DelayNext(int count, TimeSpan delay)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _delays.Enqueue(delay);
            }
        }
    }

    /// <summary>
    /// What Stripe.js does when the patient submits the card form: <c>POST /v1/payment_intents/{id}/confirm</c> with the
    /// publishable key, the intent's client secret and a test payment method. Returns the HTTP status (200, or 402 for a decline).
    /// </summary>
    public async Task<int> ConfirmAsCustomerAsync(string intentId, string clientSecret, string paymentMethod = "pm_card_visa")
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{BaseUrl}/v1/payment_intents/{intentId}/confirm")
        {
            Content = new FormUrlEncodedContent([new("payment_method", paymentMethod), new("client_secret", clientSecret)]),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PublishableKey);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>The charge's (captured, refunded) amounts, as Stripe's dashboard would show them; null for an intent with no charge.</summary>
    public (long Captured, long Refunded)? ChargeOf(string intentId)
    {
        lock (_gate)
        {
            return _intents.TryGetValue(intentId, out var intent) && intent.LatestChargeId is { } id ? (_charges[id].AmountCaptured, _charges[id].AmountRefunded) : null;
        }
    }

    /// <summary>The refunds made against an intent, in order.</summary>
    public IReadOnlyList<(string Id, long Amount)> RefundsOf(string intentId)
    {
        lock (_gate)
        {
            return _refunds.Where(r => r.IntentId == intentId).Select(r => (r.Id, r.Amount)).ToList();
        }
    }

    /// <summary>
    /// The <c>Stripe-Signature</c> header for <paramref name="payload"/>, as https://docs.stripe.com/webhooks#verify-manually
    /// documents: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.payload" keyed with the endpoint secret&gt;</c>.
    /// </summary>
    public string SignatureHeader(string payload, DateTimeOffset? signedAt = null, string? secret = null)
    {
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret ?? WebhookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>The latest event of <paramref name="type"/> about <paramref name="objectId"/> (an intent or a charge id, or the intent a charge belongs to).</summary>
    public StripeLikeEvent LatestEvent(string type, string objectId)
    {
        lock (_gate)
        {
            return _events.Last(e => e.Type == type && (e.ObjectId == objectId || e.IntentId == objectId));
        }
    }

    /// <summary>
    /// POSTs <paramref name="stripeEvent"/> to a webhook endpoint as Stripe does (JSON body, <c>Stripe-Signature</c>), signed
    /// with <paramref name="signing"/>'s choice: the right secret now (the default), a wrong secret, a stale timestamp, or no header.
    /// </summary>
    public async Task<HttpResponseMessage> DeliverAsync(Uri endpoint, StripeLikeEvent stripeEvent, WebhookSigning signing = WebhookSigning.Valid)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(stripeEvent.Payload, Encoding.UTF8, "application/json") };
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        var header = signing switch
        {
            WebhookSigning.Valid => SignatureHeader(stripeEvent.Payload),
            WebhookSigning.WrongSecret => SignatureHeader(stripeEvent.Payload, secret: "whsec_not_the_endpoint_secret"),
            WebhookSigning.Stale => SignatureHeader(stripeEvent.Payload, DateTimeOffset.UtcNow.AddSeconds(-301)),
            _ => null,
        };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", header);
        }

        return await _webhookClient.SendAsync(request);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var rawBody = "";
        if (HttpMethods.IsPost(context.Request.Method))
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            rawBody = await reader.ReadToEndAsync();
        }

        var fields = QueryHelpers.ParseQuery(HttpMethods.IsPost(context.Request.Method) ? rawBody : context.Request.QueryString.Value);
        var path = context.Request.Path.Value ?? "";
        var authorization = context.Request.Headers.Authorization.ToString();
        var idempotencyKey = context.Request.Headers["Idempotency-Key"].ToString();
        var answer = Answer(context.Request.Method, path, fields, authorization, idempotencyKey, out var delay);
        lock (_gate)
        {
            _requests.Add(new StripeLikeRequest(context.Request.Method, path, fields.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal),
                idempotencyKey.Length == 0 ? null : idempotencyKey, authorization.Length == 0 ? null : authorization,
                context.Request.Headers["Stripe-Version"].ToString(), answer.Status, answer.Replayed));
        }

        if (delay is { } wait)
        {
            await Task.Delay(wait);
        }

        context.Response.StatusCode = answer.Status;
        context.Response.Headers["Request-Id"] = NewId("req");
        if (answer.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Body);
    }

    private StoredAnswer Answer(string method, string path, Dictionary<string, StringValues> fields, string authorization, string idempotencyKey, out TimeSpan? delay)
    {
        delay = null;
        lock (_gate)
        {
            var isSecret = authorization == "Bearer " + SecretKey;
            var isPublishable = authorization == "Bearer " + PublishableKey;
            if (!isSecret && !isPublishable)
            {
                return Error(401, "invalid_request_error", null, "Invalid API Key provided: " + Redact(authorization));
            }

            if (_failures.TryDequeue(out var failure))
            {
                return Error(failure, "api_error", null, "An unknown error occurred");
            }

            var fingerprint = method + " " + path + "?" + string.Join('&', fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value));
            var useKey = HttpMethods.IsPost(method) && idempotencyKey.Length > 0;
            if (useKey)
            {
                if (_idempotency.TryGetValue(idempotencyKey, out var stored))
                {
                    return stored.Fingerprint == fingerprint
                        ? stored with { Replayed = true }
                        : Error(400, "idempotency_error", null,
                            $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{idempotencyKey}' if you meant to execute a different request.");
                }
            }

            // Requests run one at a time under the lock, so a second request with the same key always finds the first's answer.
            var answer = Execute(method, path, fields, isSecret) with { Fingerprint = fingerprint };
            if (useKey && answer.Executed)
            {
                _idempotency[idempotencyKey] = answer;
            }

            if (_delays.TryDequeue(out var wait))
            {
                delay = wait;
            }

            return answer;
        }
    }

    private StoredAnswer Execute(string method, string path, Dictionary<string, StringValues> fields, bool isSecret)
    {
        var expand = List(fields, "expand");
        if (path == "/v1/payment_intents" && HttpMethods.IsPost(method))
        {
            return isSecret ? CreateIntent(fields) : SecretKeyRequired();
        }

        if (path == "/v1/refunds" && HttpMethods.IsPost(method))
        {
            return isSecret ? CreateRefund(fields) : SecretKeyRequired();
        }

        var match = IntentPath().Match(path);
        if (!match.Success)
        {
            return Error(404, "invalid_request_error", null, $"Unrecognized request URL ({method}: {path}).");
        }

        if (!_intents.TryGetValue(match.Groups["id"].Value, out var intent))
        {
            return Error(404, "invalid_request_error", "resource_missing", $"No such payment_intent: '{match.Groups["id"].Value}'", "intent");
        }

        var action = match.Groups["action"].Value;
        if (action == "confirm" && HttpMethods.IsPost(method))
        {
            return isSecret || Field(fields, "client_secret") == intent.ClientSecret ? Confirm(intent, fields, expand) : SecretKeyRequired();
        }

        if (!isSecret)
        {
            return SecretKeyRequired();
        }

        return (action, method) switch
        {
            ("", "GET") => Ok(IntentJson(intent, expand)),
            ("capture", "POST") => Capture(intent, fields, expand),
            ("cancel", "POST") => Cancel(intent, fields, expand),
            _ => Error(404, "invalid_request_error", null, $"Unrecognized request URL ({method}: {path})."),
        };
    }

    private StoredAnswer CreateIntent(Dictionary<string, StringValues> fields)
    {
        if (Field(fields, "amount") is not { } amountText)
        {
            return Error(400, "invalid_request_error", "parameter_missing", "Missing required param: amount.", "amount", executed: false);
        }

        if (!long.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount < 1)
        {
            return Error(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: " + amountText, "amount", executed: false);
        }

        if (Field(fields, "currency") is not { Length: 3 } currency)
        {
            return Error(400, "invalid_request_error", "parameter_missing", "Missing required param: currency.", "currency", executed: false);
        }

        var types = List(fields, "allowed_payment_method_types");
        if (types.Count == 0)
        {
            types = List(fields, "payment_method_types");
        }

        var id = NewId("pi");
        var intent = new Intent
        {
            Id = id,
            Amount = amount,
            Currency = currency.ToLowerInvariant(),
            CaptureMethod = Field(fields, "capture_method") ?? "automatic_async",
            ClientSecret = $"{id}_secret_{RandomChars(24)}",
            Description = Field(fields, "description"),
            Metadata = Map(fields, "metadata"),
            PaymentMethodTypes = types.Count == 0 ? ["card"] : types,
            Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        _intents[id] = intent;
        Raise("payment_intent.created", intent);
        return Ok(IntentJson(intent, []));
    }

    private StoredAnswer Confirm(Intent intent, Dictionary<string, StringValues> fields, List<string> expand)
    {
        if (intent.Status is not ("requires_payment_method" or "requires_confirmation" or "requires_action"))
        {
            return UnexpectedState(intent, $"You cannot confirm this PaymentIntent because it has a status of {intent.Status}.", expand);
        }

        var paymentMethod = Field(fields, "payment_method") ?? "pm_card_visa";
        var (brand, last4, decline) = paymentMethod switch
        {
            "pm_card_visa" => ("visa", "4242", null),
            "pm_card_mastercard" => ("mastercard", "4444", null),
            "pm_card_chargeDeclined" => ("visa", "0002", "generic_decline"),
            "pm_card_chargeDeclinedInsufficientFunds" => ("visa", "9995", "insufficient_funds"),
            "pm_card_authenticationRequired" => ("visa", "3155", (string?)"authentication_required"),
            _ => ("", "", "unknown_payment_method"),
        };
        if (decline == "unknown_payment_method")
        {
            return Error(400, "invalid_request_error", "resource_missing", $"No such PaymentMethod: '{paymentMethod}'", "payment_method");
        }

        intent.PaymentMethod = NewId("pm");
        if (decline == "authentication_required")
        {
            intent.Status = "requires_action";
            Raise("payment_intent.requires_action", intent);
            return Ok(IntentJson(intent, expand));
        }

        var charge = new Charge
        {
            Id = NewId("ch"),
            IntentId = intent.Id,
            Amount = intent.Amount,
            Currency = intent.Currency,
            Brand = brand,
            Last4 = last4,
            PaymentMethod = intent.PaymentMethod,
            Status = decline is null ? "succeeded" : "failed",
            FailureCode = decline is null ? null : "card_declined",
        };
        _charges[charge.Id] = charge;
        intent.LatestChargeId = charge.Id;
        if (decline is not null)
        {
            intent.Status = "requires_payment_method";
            intent.LastPaymentError = new PaymentError("card_error", "card_declined", decline, "Your card was declined.");
            Raise("payment_intent.payment_failed", intent);
            var error = ErrorBody("card_error", "card_declined", "Your card was declined.", null, decline, IntentJson(intent, expand));
            return new StoredAnswer(402, error, Executed: true);
        }

        intent.LastPaymentError = null;
        if (intent.CaptureMethod == "manual")
        {
            intent.Status = "requires_capture";
            intent.AmountCapturable = intent.Amount;
            Raise("payment_intent.amount_capturable_updated", intent);
        }
        else
        {
            intent.Status = "succeeded";
            intent.AmountReceived = intent.Amount;
            charge.Captured = true;
            charge.AmountCaptured = intent.Amount;
            Raise("payment_intent.succeeded", intent);
        }

        return Ok(IntentJson(intent, expand));
    }

    private StoredAnswer Capture(Intent intent, Dictionary<string, StringValues> fields, List<string> expand)
    {
        if (intent.Status != "requires_capture")
        {
            return UnexpectedState(intent,
                $"This PaymentIntent could not be captured because it has a status of {intent.Status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.",
                expand);
        }

        var amount = intent.AmountCapturable;
        if (Field(fields, "amount_to_capture") is { } text)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out amount) || amount < 1)
            {
                return Error(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: " + text, "amount_to_capture");
            }

            if (amount > intent.AmountCapturable)
            {
                return Error(400, "invalid_request_error", "amount_too_large",
                    "The amount to capture must be less than or equal to the PaymentIntent's amount_capturable.", "amount_to_capture");
            }
        }

        var charge = _charges[intent.LatestChargeId!];
        charge.Captured = true;
        charge.AmountCaptured = amount;
        // Stripe releases the part of an authorisation that was not captured, and shows it as refunded on the charge.
        charge.AmountRefunded = intent.Amount - amount;
        intent.AmountReceived = amount;
        intent.AmountCapturable = 0;
        intent.Status = "succeeded";
        Raise("payment_intent.succeeded", intent);
        return Ok(IntentJson(intent, expand));
    }

    private StoredAnswer Cancel(Intent intent, Dictionary<string, StringValues> fields, List<string> expand)
    {
        if (!CancellableStatuses.Contains(intent.Status))
        {
            return UnexpectedState(intent,
                $"You cannot cancel this PaymentIntent because it has a status of {intent.Status}. Only a PaymentIntent with one of the following statuses may be canceled: {string.Join(", ", CancellableStatuses)}.",
                expand);
        }

        if (intent.LatestChargeId is { } chargeId && _charges[chargeId].Status == "succeeded")
        {
            _charges[chargeId].AmountRefunded = intent.Amount;
            _charges[chargeId].Refunded = true;
        }

        intent.Status = "canceled";
        intent.AmountCapturable = 0;
        intent.CanceledAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        intent.CancellationReason = Field(fields, "cancellation_reason");
        Raise("payment_intent.canceled", intent);
        return Ok(IntentJson(intent, expand));
    }

    private StoredAnswer CreateRefund(Dictionary<string, StringValues> fields)
    {
        if (Field(fields, "payment_intent") is not { } intentId)
        {
            return Error(400, "invalid_request_error", "parameter_missing", "One of the following params should be provided for this request: payment_intent or charge.", "payment_intent", executed: false);
        }

        if (!_intents.TryGetValue(intentId, out var intent))
        {
            return Error(400, "invalid_request_error", "resource_missing", $"No such payment_intent: '{intentId}'", "payment_intent");
        }

        if (intent.Status != "succeeded")
        {
            return UnexpectedState(intent, $"This PaymentIntent does not have a successful charge to refund (status {intent.Status}).", []);
        }

        var charge = _charges[intent.LatestChargeId!];
        var refundedOfCaptured = _refunds.Where(r => r.IntentId == intentId).Sum(r => r.Amount);
        var remaining = charge.AmountCaptured - refundedOfCaptured;
        if (remaining == 0)
        {
            return Error(400, "invalid_request_error", "charge_already_refunded", $"Charge {charge.Id} has already been refunded.");
        }

        var amount = remaining;
        if (Field(fields, "amount") is { } text)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out amount) || amount < 1)
            {
                return Error(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: " + text, "amount");
            }

            if (amount > remaining)
            {
                return Error(400, "invalid_request_error", "amount_too_large",
                    $"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining}).", "amount");
            }
        }

        var refund = new RefundRecord(NewId("re"), intentId, charge.Id, amount, intent.Currency, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Field(fields, "reason"));
        _refunds.Add(refund);
        charge.AmountRefunded += amount;
        charge.Refunded = refundedOfCaptured + amount == charge.AmountCaptured;
        RaiseCharge("charge.refunded", charge);
        return Ok(new Dictionary<string, object?>
        {
            ["id"] = refund.Id,
            ["object"] = "refund",
            ["amount"] = refund.Amount,
            ["charge"] = refund.ChargeId,
            ["created"] = refund.Created,
            ["currency"] = refund.Currency,
            ["metadata"] = new Dictionary<string, string>(),
            ["payment_intent"] = refund.IntentId,
            ["reason"] = refund.Reason,
            ["status"] = "succeeded",
        });
    }

    private StoredAnswer UnexpectedState(Intent intent, string message, List<string> expand) =>
        new(400, ErrorBody("invalid_request_error", "payment_intent_unexpected_state", message, null, null, IntentJson(intent, expand)), Executed: true);

    private static StoredAnswer SecretKeyRequired() =>
        Error(401, "invalid_request_error", null, "This API call cannot be made with a publishable API key. Please use a secret API key.", executed: false);

    private void Raise(string type, Intent intent) => AddEvent(type, intent.Id, intent.Id, IntentJson(intent, []));

    private void RaiseCharge(string type, Charge charge) => AddEvent(type, charge.Id, charge.IntentId, ChargeJson(charge));

    private void AddEvent(string type, string objectId, string intentId, Dictionary<string, object?> data)
    {
        var id = NewId("evt");
        var payload = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["data"] = new Dictionary<string, object?> { ["object"] = data },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new Dictionary<string, object?> { ["id"] = NewId("req"), ["idempotency_key"] = null },
            ["type"] = type,
        });
        _events.Add(new StripeLikeEvent(id, type, objectId, intentId, payload));
    }

    private Dictionary<string, object?> IntentJson(Intent intent, List<string> expand) => new()
    {
        ["id"] = intent.Id,
        ["object"] = "payment_intent",
        ["amount"] = intent.Amount,
        ["amount_capturable"] = intent.AmountCapturable,
        ["amount_received"] = intent.AmountReceived,
        ["canceled_at"] = intent.CanceledAt,
        ["cancellation_reason"] = intent.CancellationReason,
        ["capture_method"] = intent.CaptureMethod,
        ["client_secret"] = intent.ClientSecret,
        ["confirmation_method"] = "automatic",
        ["created"] = intent.Created,
        ["currency"] = intent.Currency,
        ["description"] = intent.Description,
        ["last_payment_error"] = intent.LastPaymentError is { } e
            ? new Dictionary<string, object?> { ["type"] = e.Type, ["code"] = e.Code, ["decline_code"] = e.DeclineCode, ["message"] = e.Message }
            : null,
        ["latest_charge"] = intent.LatestChargeId is { } chargeId && expand.Contains("latest_charge") ? ChargeJson(_charges[chargeId]) : intent.LatestChargeId,
        ["livemode"] = false,
        ["metadata"] = intent.Metadata,
        ["payment_method"] = intent.PaymentMethod,
        ["payment_method_types"] = intent.PaymentMethodTypes,
        ["status"] = intent.Status,
    };

    private static Dictionary<string, object?> ChargeJson(Charge charge) => new()
    {
        ["id"] = charge.Id,
        ["object"] = "charge",
        ["amount"] = charge.Amount,
        ["amount_captured"] = charge.AmountCaptured,
        ["amount_refunded"] = charge.AmountRefunded,
        ["captured"] = charge.Captured,
        ["currency"] = charge.Currency,
        ["failure_code"] = charge.FailureCode,
        ["paid"] = charge.Status == "succeeded",
        ["payment_intent"] = charge.IntentId,
        ["payment_method"] = charge.PaymentMethod,
        ["payment_method_details"] = new Dictionary<string, object?>
        {
            ["type"] = "card",
            ["card"] = new Dictionary<string, object?> { ["brand"] = charge.Brand, ["last4"] = charge.Last4, ["exp_month"] = 12, ["exp_year"] = 2034, ["funding"] = "credit", ["country"] = "US" },
        },
        ["refunded"] = charge.Refunded,
        ["status"] = charge.Status,
    };

    private static StoredAnswer Ok(Dictionary<string, object?> body) => new(200, JsonSerializer.Serialize(body), Executed: true);

    private static StoredAnswer Error(int status, string type, string? code, string message, string? param = null, bool executed = true) =>
        new(status, ErrorBody(type, code, message, param, null, null), executed && status < 500 && status != 401);

    private static string ErrorBody(string type, string? code, string message, string? param, string? declineCode, Dictionary<string, object?>? intent)
    {
        var error = new Dictionary<string, object?> { ["type"] = type, ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
            error["doc_url"] = "https://docs.stripe.com/error-codes/" + code.Replace('_', '-');
        }

        if (param is not null)
        {
            error["param"] = param;
        }

        if (declineCode is not null)
        {
            error["decline_code"] = declineCode;
        }

        if (intent is not null)
        {
            error["payment_intent"] = intent;
        }

        return JsonSerializer.Serialize(new Dictionary<string, object?> { ["error"] = error });
    }

    private static string? Field(Dictionary<string, StringValues> fields, string name) =>
        fields.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;

    /// <summary>A list sent as <c>name[0]=a&amp;name[1]=b</c> (Stripe.net) or <c>name[]=a</c>.</summary>
    private static List<string> List(Dictionary<string, StringValues> fields, string name) =>
        fields.Where(f => f.Key == name + "[]" || (f.Key.StartsWith(name + "[", StringComparison.Ordinal) && f.Key.EndsWith(']') && int.TryParse(f.Key[(name.Length + 1)..^1], out _)))
            .OrderBy(f => f.Key.Length).ThenBy(f => f.Key, StringComparer.Ordinal)
            .SelectMany(f => f.Value.ToArray()).OfType<string>().ToList();

    /// <summary>A hash sent as <c>name[key]=value</c>.</summary>
    private static Dictionary<string, string> Map(Dictionary<string, StringValues> fields, string name) =>
        fields.Where(f => f.Key.StartsWith(name + "[", StringComparison.Ordinal) && f.Key.EndsWith(']'))
            .ToDictionary(f => f.Key[(name.Length + 1)..^1], f => f.Value.ToString(), StringComparer.Ordinal);

    private static string Redact(string authorization) =>
        authorization.Length > 16 ? authorization["Bearer ".Length..][..8] + "****" + authorization[^4..] : "****";

    private string NewId(string prefix) => prefix + "_" + RandomChars(_idLengths.TryGetValue(prefix, out var length) ? length - prefix.Length - 1 : 24);

    private static string RandomChars(int length) => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", length);

    [GeneratedRegex("^/v1/payment_intents/(?<id>[A-Za-z0-9_]+)(/(?<action>confirm|capture|cancel))?$")]
    private static partial Regex IntentPath();

    private sealed class Intent
    {
        public required string Id { get; init; }
        public required long Amount { get; init; }
        public required string Currency { get; init; }
        public required string CaptureMethod { get; init; }
        public required string ClientSecret { get; init; }
        public string? Description { get; init; }
        public required Dictionary<string, string> Metadata { get; init; }
        public required List<string> PaymentMethodTypes { get; init; }
        public long Created { get; init; }
        public string Status { get; set; } = "requires_payment_method";
        public long AmountCapturable { get; set; }
        public long AmountReceived { get; set; }
        public string? LatestChargeId { get; set; }
        public string? PaymentMethod { get; set; }
        public PaymentError? LastPaymentError { get; set; }
        public long? CanceledAt { get; set; }
        public string? CancellationReason { get; set; }
    }

    private sealed class Charge
    {
        public required string Id { get; init; }
        public required string IntentId { get; init; }
        public required long Amount { get; init; }
        public required string Currency { get; init; }
        public required string Brand { get; init; }
        public required string Last4 { get; init; }
        public required string PaymentMethod { get; init; }
        public required string Status { get; init; }
        public string? FailureCode { get; init; }
        public bool Captured { get; set; }
        public long AmountCaptured { get; set; }
        public long AmountRefunded { get; set; }
        public bool Refunded { get; set; }
    }

    private sealed record PaymentError(string Type, string Code, string? DeclineCode, string Message);

    private sealed record RefundRecord(string Id, string IntentId, string ChargeId, long Amount, string Currency, long Created, string? Reason);

    /// <summary>An answer; <c>Executed</c> answers are the ones Stripe keeps for an idempotency key and replays.</summary>
    private sealed record StoredAnswer(int Status, string Body, bool Executed, string Fingerprint = "", bool Replayed = false);
}

/// <summary>How <see cref="StripeLikeServer.DeliverAsync"/> signs a delivery.</summary>
public enum WebhookSigning { Valid, WrongSecret, Stale, Missing }

/// <summary>
/// A request the <see cref="StripeLikeServer"/> received: its form (POST) or query (GET) fields as sent (<c>metadata[k]</c>,
/// <c>expand[0]</c>), the <c>Idempotency-Key</c> and <c>Authorization</c> headers, and what it answered (<c>Replayed</c>: from the
/// idempotency store).
/// </summary>
public sealed record StripeLikeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Fields, string? IdempotencyKey, string? Authorization,
    string StripeVersion, int ResponseStatus, bool Replayed);

/// <summary>An event the server raised: <c>ObjectId</c> is its <c>data.object</c>'s id, <c>IntentId</c> the intent it concerns, <c>Payload</c> the JSON Stripe would POST.</summary>
public sealed record StripeLikeEvent(string Id, string Type, string ObjectId, string IntentId, string Payload);
