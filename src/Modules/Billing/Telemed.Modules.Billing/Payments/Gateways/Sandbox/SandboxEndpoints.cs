using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Http;

namespace Telemed.Modules.Billing.Payments.Gateways.Sandbox;

/// <summary>
/// A test card confirmed in the browser, as Stripe.js would send it to Stripe: the intent's client secret, the card number (a
/// sandbox test number only), expiry month 1–12 and four-digit year (not in the past) and a 3–4 digit CVC. None of it is stored
/// but the brand and last four digits.
/// </summary>
public sealed record SandboxConfirmRequest(string ClientSecret, string CardNumber, int ExpiryMonth, int ExpiryYear, string Cvc);

/// <summary>The outcome of the sandbox's authentication step (3-D Secure stand-in): approved or failed by the card holder.</summary>
public sealed record SandboxAuthenticateRequest(string ClientSecret, bool Approved);

/// <summary>What the browser learns after confirming: the intent's status (Stripe's names) and the decline code, if any.</summary>
public sealed record SandboxConfirmation(string Status, string? DeclineCode);

internal sealed class SandboxConfirmRequestValidator : AbstractValidator<SandboxConfirmRequest>
{
    public SandboxConfirmRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.ClientSecret).NotEmpty().MaximumLength(200);
        RuleFor(r => r.CardNumber).NotEmpty().MaximumLength(32).Matches("^[0-9 -]+$").WithMessage("Enter the card number with digits only.");
        RuleFor(r => r.ExpiryMonth).InclusiveBetween(1, 12);
        RuleFor(r => r.ExpiryYear).InclusiveBetween(2000, 2100);
        RuleFor(r => r).Must(r => new DateOnly(Math.Clamp(r.ExpiryYear, 2000, 2100), Math.Clamp(r.ExpiryMonth, 1, 12), 1).AddMonths(1)
                > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            .WithName("expiryYear").WithMessage("The card has expired.");
        RuleFor(r => r.Cvc).NotEmpty().Matches("^[0-9]{3,4}$").WithMessage("The security code is 3 or 4 digits.");
    }
}

internal sealed class SandboxAuthenticateRequestValidator : AbstractValidator<SandboxAuthenticateRequest>
{
    public SandboxAuthenticateRequestValidator() => RuleFor(r => r.ClientSecret).NotEmpty().MaximumLength(200);
}

/// <summary>The sandbox gateway's browser-side calls (<c>/api/v1/billing/sandbox/…</c>), mapped only when the sandbox is the gateway.</summary>
internal static class SandboxEndpoints
{
    /// <summary>Confirms a test card: 422 <c>billing.sandbox_test_cards_only</c> for any other number, 409 when the intent takes no card now.</summary>
    public static async Task<Results<Ok<SandboxConfirmation>, ProblemHttpResult>> ConfirmAsync(SandboxConfirmRequest request, SandboxGateway gateway, CancellationToken ct)
    {
        if (SandboxCards.Find(request.CardNumber) is not { } card)
        {
            return Problems.From(SandboxErrors.TestCardsOnly);
        }

        var result = await gateway.ConfirmAsync(request.ClientSecret, card, SandboxCards.Last4(request.CardNumber), ct);
        return result.IsSuccess ? TypedResults.Ok(View(result.Value)) : Problems.From(result.Error!);
    }

    /// <summary>Approves or fails the authentication step; 409 when the intent is not waiting for it.</summary>
    public static async Task<Results<Ok<SandboxConfirmation>, ProblemHttpResult>> AuthenticateAsync(SandboxAuthenticateRequest request, SandboxGateway gateway, CancellationToken ct)
    {
        var result = await gateway.AuthenticateAsync(request.ClientSecret, request.Approved, ct);
        return result.IsSuccess ? TypedResults.Ok(View(result.Value)) : Problems.From(result.Error!);
    }

    private static SandboxConfirmation View(GatewayIntent intent) => new(intent.Status switch
    {
        GatewayIntentStatus.RequiresAction => "requires_action",
        GatewayIntentStatus.Authorised => "requires_capture",
        _ => "requires_payment_method",
    }, intent.DeclineCode);
}
