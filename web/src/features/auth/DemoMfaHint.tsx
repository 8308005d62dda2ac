import { useTranslation } from "react-i18next";
import { useSession } from "../../shared/auth/session";
import { pickedDemoAccount, spacedCode, useDemoCode } from "./DemoAccounts";

/**
 * Development only: on the authenticator step, the current code of the demo account picked on the sign-in page,
 * with a button that fills it in. Shows nothing for any other account or outside Development.
 */
export function DemoMfaHint({ onFill }: { onFill: (code: string) => void }) {
  const { t } = useTranslation();
  const session = useSession().data;
  const email = pickedDemoAccount();
  const account =
    session?.environment === "Development" && email
      ? session.demoCredentials?.find((a) => a.email === email && a.authenticatorKey)
      : undefined;
  const { code } = useDemoCode(account?.authenticatorKey);
  if (!account || !code) return null;
  return (
    <div className="notice demo-mfa-hint">
      <p>
        {t("account.demo.mfaHint", { email: account.email })}{" "}
        <strong className="demo-account__code" data-testid="demo-code">
          {spacedCode(code)}
        </strong>
      </p>
      <button type="button" className="button button--secondary button--small" onClick={() => onFill(code)}>
        {t("account.demo.fillCode")}
      </button>
    </div>
  );
}
