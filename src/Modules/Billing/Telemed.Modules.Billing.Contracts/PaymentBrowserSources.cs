namespace Telemed.Modules.Billing.Contracts;

/// <summary>
/// The outside origins that the configured payment gateway's code in the browser needs, as Content-Security-Policy source
/// expressions (<c>https://host</c>): scripts it loads, frames it opens (card fields, 3-D Secure) and addresses it calls.
/// The billing module registers exactly one as a singleton: <see cref="None"/> for the sandbox (its card form is our own page),
/// Stripe's origins when <c>Billing:Gateway</c> is <c>stripe</c>. The host adds these to its policy and nothing else, so it never
/// reads billing's configuration itself.
/// </summary>
/// <param name="Scripts">Origins for <c>script-src</c>.</param>
/// <param name="Frames">Origins for <c>frame-src</c>.</param>
/// <param name="Connections">Origins for <c>connect-src</c>.</param>
public sealed record PaymentBrowserSources(IReadOnlyList<string> Scripts, IReadOnlyList<string> Frames, IReadOnlyList<string> Connections)
{
    /// <summary>The gateway needs nothing outside our own origin.</summary>
    public static PaymentBrowserSources None { get; } = new([], [], []);
}
