import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DemoCredential } from "../../shared/api/types";
import { groupKey, msUntilNextStep, totpCode } from "./demoTotp";

/** The demo account the newcomer picked, so the authenticator step can show that account's code (Development only). */
const PICKED_KEY = "telemed.demoAccount";

export function rememberDemoAccount(email: string): void {
  try {
    sessionStorage.setItem(PICKED_KEY, email);
  } catch {
    // Storage may be unavailable (private mode): the code is still on the sign-in page.
  }
}

export function pickedDemoAccount(): string | null {
  try {
    return sessionStorage.getItem(PICKED_KEY);
  } catch {
    return null;
  }
}

/** The current code for a key, recomputed when the 30-second step changes; null until computed or without a key. */
export function useDemoCode(key: string | null | undefined): { code: string | null; secondsLeft: number } {
  const [state, setState] = useState<{ code: string | null; secondsLeft: number }>({ code: null, secondsLeft: 30 });
  useEffect(() => {
    if (!key) return undefined;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      const now = Date.now();
      totpCode(key, now)
        .then((code) => {
          if (!cancelled) setState({ code, secondsLeft: Math.ceil(msUntilNextStep(now) / 1000) });
        })
        .catch(() => {
          if (!cancelled) setState({ code: null, secondsLeft: 30 });
        });
      timer = setTimeout(tick, Math.min(1000, msUntilNextStep(now)));
    };
    tick();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key]);
  return key ? state : { code: null, secondsLeft: 30 };
}

/** "123 456" for reading aloud or copying. */
export function spacedCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

/**
 * Development only: every demo account with its role, password and, for staff, the authenticator key and the code
 * an authenticator app would show now. A list of cards rather than a table, so it fits a 375 px phone.
 */
export function DemoAccounts({ accounts, onUse }: { accounts: DemoCredential[]; onUse: (account: DemoCredential) => void }) {
  const { t } = useTranslation();
  return (
    <section className="card demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title">{t("auth.demoAccounts")}</h2>
      <p className="muted">{t("auth.demoIntro")}</p>
      <ul className="demo-accounts__list" data-testid="demo-accounts">
        {accounts.map((account) => (
          <DemoAccountItem key={`${account.role}-${account.email}`} account={account} onUse={onUse} />
        ))}
      </ul>
    </section>
  );
}

function DemoAccountItem({ account, onUse }: { account: DemoCredential; onUse: (account: DemoCredential) => void }) {
  const { t } = useTranslation();
  const { code, secondsLeft } = useDemoCode(account.authenticatorKey);
  const role = t(`roles.${account.role}`, { defaultValue: account.role });
  return (
    <li className="demo-account">
      <div className="demo-account__head">
        <strong className="demo-account__role">{role}</strong>
        <button
          type="button"
          className="button button--secondary button--small"
          aria-label={`${t("auth.use")}: ${account.email}`}
          onClick={() => onUse(account)}
        >
          {t("auth.use")}
        </button>
      </div>
      <dl className="demo-account__facts">
        <dt>{t("auth.email")}</dt>
        <dd className="break" data-testid="demo-email">
          {account.email}
        </dd>
        <dt>{t("auth.password")}</dt>
        <dd>
          <code data-testid="demo-password">{account.password}</code>
        </dd>
        <dt>{t("account.demo.secondFactor")}</dt>
        {account.authenticatorKey ? (
          <dd>
            <span className="demo-account__code" data-testid="demo-account-code">
              {code ? spacedCode(code) : "…"}
            </span>{" "}
            <span className="muted">({t("account.demo.codeChanges", { seconds: secondsLeft })})</span>
            <br />
            <span className="muted">{t("account.demo.key")}: </span>
            <code className="break" data-testid="demo-key">
              {groupKey(account.authenticatorKey)}
            </code>
          </dd>
        ) : (
          <dd>{t("account.demo.noSecondFactor")}</dd>
        )}
      </dl>
    </li>
  );
}
