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
