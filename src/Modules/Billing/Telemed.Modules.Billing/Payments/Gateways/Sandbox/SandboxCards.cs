namespace Telemed.Modules.Billing.Payments.Gateways.Sandbox;

/// <summary>What a sandbox test card does when confirmed: its brand, and the decline code or the authentication it asks for.</summary>
public sealed record SandboxCard(string Brand, string? DeclineCode, bool RequiresAuthentication);

/// <summary>
/// The sandbox gateway's test cards — Stripe's documented test numbers (https://docs.stripe.com/testing), so a clinic moving to
/// Stripe's test mode keeps the same cards. Any other number is refused: the sandbox never takes a real card.
/// </summary>
public static class SandboxCards
{
    private static readonly Dictionary<string, SandboxCard> Cards = new(StringComparer.Ordinal)
    {
        ["4242424242424242"] = new("visa", null, false),
        ["5555555555554444"] = new("mastercard", null, false),
        ["4000000000000002"] = new("visa", "card_declined", false),
        ["4000000000009995"] = new("visa", "insufficient_funds", false),
        ["4000002500003155"] = new("visa", null, true),
    };

    /// <summary>The test card for <paramref name="number"/> (spaces and dashes ignored), or null when it is not a test card.</summary>
    public static SandboxCard? Find(string? number) =>
        number is null ? null : Cards.GetValueOrDefault(new string(number.Where(char.IsDigit).ToArray()));

    /// <summary>The last four digits of a test card number.</summary>
    public static string Last4(string number)
    {
        var digits = new string(number.Where(char.IsDigit).ToArray());
        return digits.Length >= 4 ? digits[^4..] : digits;
    }
}
