/** English texts of issue 11's polish items: replacing an authenticator (merged into en.ts under "polish"). */
const polishEn = {
  mfaReplace: {
    title: "Confirm your current second factor",
    intro: "Two-factor authentication is already on. To move it to a new authenticator app, first enter the code from your current app, or one of your recovery codes if you no longer have it.",
    code: "Code from your current authenticator app",
    recoveryCode: "Recovery code",
    useRecoveryCode: "I no longer have my authenticator app: use a recovery code",
    useCode: "Use the code from my authenticator app instead",
    submit: "Continue",
    required: "Enter the code, or a recovery code.",
  },
};

export default polishEn;
