/** English texts of the account pages (demo sign-in, password, MFA, notifications; merged into en.ts under "account"). */
const accountEn = {
  /** A button that loads a list again (not "try again": nothing failed). */
  refresh: "Refresh",
  /** The phone menu button. */
  menu: "Menu",
  resend: {
    button: "Send the confirmation link again",
    sending: "Sending…",
    sent: "If {{email}} still needs confirming, a new link is on its way. Check your inbox.",
  },
  page: {
    link: "Account",
    title: "Your account",
  },
  password: {
    title: "Change password",
    intro: "Enter your current password and a new one (at least 10 characters). Your other sessions end when it changes.",
    current: "Current password",
    new: "New password",
    submit: "Change password",
    changed: "Your password was changed. Other sessions were signed out.",
  },
  mfa: {
    title: "Two-factor authentication",
    on: "On: signing in needs a code from your authenticator app.",
    off: "Off: signing in needs only your password.",
    required: "Staff accounts must keep two-factor authentication on; it cannot be switched off.",
    codesLeft_one: "{{count}} unused recovery code left.",
    codesLeft_other: "{{count}} unused recovery codes left.",
    codesIntro: "A recovery code signs you in once when you do not have your phone. Making new codes stops the old ones.",
    code: "Current code from your authenticator app",
    regenerate: "Make new recovery codes",
    newCodes: "Your new recovery codes",
    shownOnce: "Save them now: they are shown only once. The old codes no longer work.",
    copy: "Copy codes",
    copied: "Copied.",
    download: "Download as a file",
    done: "Done",
    reenrol: "Set up a new authenticator app",
    setUp: "Set up two-factor authentication",
  },
  demo: {
    secondFactor: "Authenticator",
    key: "Key",
    codeNow: "Code now",
    noSecondFactor: "No second factor",
    codeChanges: "changes in {{seconds}} s",
    mfaHint: "Demo account {{email}}: the code an authenticator app shows now is",
    fillCode: "Fill in the demo code",
  },
};

export default accountEn;
