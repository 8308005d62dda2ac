import { useState } from "react";
import { Link, Outlet } from "react-router";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { SessionInfo } from "../../shared/api/types";
import { sessionApi } from "../../shared/api/endpoints";
import { useSignOut } from "../../shared/auth/useSignOut";
import { reloadSession } from "../../shared/auth/session";
import { useIdleState } from "../../shared/idle/useIdleTimer";
import { IdleWarningDialog } from "../../shared/idle/IdleWarningDialog";
import { trackUserActivity } from "../../shared/idle/userActivity";
import { activityStore } from "../../shared/api/activity";
import { homePathForRoles } from "../../shared/auth/portals";
import { Brand } from "./Brand";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { MainNav } from "./MainNav";
import { SkipLink } from "./SkipLink";
import { NotificationBell } from "../notifications/NotificationBell";
import { UserText, isolate } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

export function AppLayout({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const user = session.user!;
  const idle = useIdleState({
    timeoutSeconds: session.idleTimeoutSeconds,
    warningSeconds: session.idleWarningSeconds,
  });
  const [busy, setBusy] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  // Only a person's actions extend the session; while the warning is open only "Stay signed in" does.
  const warningOpen = useRef(false);
  warningOpen.current = idle.phase !== "active";
  useEffect(
    () =>
      trackUserActivity({
        report: () => sessionApi.touch(),
        isPaused: () => warningOpen.current,
        lastReportedAt: activityStore.get,
      }),
    [],
  );

  // When the countdown runs out, ask the server; fetchSession reports an ended session itself.
  const checkedExpiry = useRef<number | null>(null);
  useEffect(() => {
    if (idle.phase !== "expired" || checkedExpiry.current === idle.expiresAt) return;
    checkedExpiry.current = idle.expiresAt;
    void reloadSession(queryClient).catch(() => undefined);
  }, [idle.phase, idle.expiresAt, queryClient]);

  const stay = async () => {
    setBusy(true);
    try {
      await sessionApi.touch(); // a successful call marks activity and closes the dialog
    } catch {
      /* a 401 here is handled as an ended session */
    } finally {
      setBusy(false);
    }
  };

  const leave = async () => {
    setSigningOut(true);
    try {
      await signOut();
    } finally {
      setSigningOut(false);
    }
  };

  const warning = idle.phase !== "active";
  return (
    <>
      <div className="app-shell" inert={warning} aria-hidden={warning ? true : undefined}>
        <SkipLink />
        <header className="site-header">
          <div className="site-header__inner">
            <Brand to={homePathForRoles(user.roles)} />
            <div className="site-header__user">
              <span className="user-name" data-testid="user-display-name" title={t("app.signedInAs", { name: isolate(user.displayName) })}>
                <UserText>{user.displayName}</UserText>
              </span>
              <NotificationBell />
              <Link to="/account" className="button button--secondary button--small">
                {t("account.page.link")}
              </Link>
              <LanguageSwitcher />
              <BusyButton type="button" className="button button--secondary button--small" busy={signingOut} onClick={() => void leave()}>
                {t("app.signOut")}
              </BusyButton>
            </div>
          </div>
          <MainNav roles={user.roles} />
        </header>
        <main id="main-content" className="page" tabIndex={-1}>
          <Outlet />
        </main>
        <footer className="site-footer">{t("app.footer")}</footer>
      </div>
      {warning ? (
        <IdleWarningDialog
          secondsLeft={idle.secondsLeft}
          busy={busy}
          signingOut={signingOut}
          onStay={() => void stay()}
          onSignOut={() => void leave()}
        />
      ) : null}
    </>
  );
}
