namespace Telemed.Modules.Identity.Administration;

/// <summary>What an admin's "send password reset" sends to an account.</summary>
internal enum PasswordHelpKind
{
    /// <summary>The account has a password: a reset link.</summary>
    ResetLink,

    /// <summary>No password and never invited (a patient the front desk registered): a fresh set-password link.</summary>
    SetPasswordLink,

    /// <summary>An invited staff member who has not accepted yet: the invitation is what they need (resend it).</summary>
    ResendInvitation,
}

/// <summary>The rule behind the admin's "send password reset".</summary>
internal static class PasswordHelp
{
    /// <summary>
    /// An account with a password gets a reset link; one without a password that was invited gets its invitation
    /// resent (accepting it is where staff choose a password and enrol MFA); any other account without a password, such as
    /// a walk-in patient whose welcome link expired, gets a fresh set-password link.
    /// </summary>
    public static PasswordHelpKind For(bool hasPassword, bool wasInvited) =>
        hasPassword ? PasswordHelpKind.ResetLink
        : wasInvited ? PasswordHelpKind.ResendInvitation
        : PasswordHelpKind.SetPasswordLink;
}
