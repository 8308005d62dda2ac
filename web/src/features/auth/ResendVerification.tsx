import { useState } from "react";
import { useTranslation } from "react-i18next";
import { authApi } from "./authApi";
import { ErrorAlert } from "../../shared/ui/feedback";
import { UserSentence } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

/**
 * "Send the confirmation link again" for an address that is not confirmed yet (after registering, or when sign-in says so).
 * The server answers the same for any address, so the page says only that a link is on its way if one is needed.
 */
export function ResendVerification({ email }: { email: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<"idle" | "sending" | "sent">("idle");
  const [error, setError] = useState<unknown>(null);
  const send = async () => {
    setState("sending");
    setError(null);
    try {
      await authApi.resendVerification(email);
      setState("sent");
    } catch (e) {
      setError(e);
      setState("idle");
    }
  };
  return (
    <div className="stack resend-verification">
      <ErrorAlert error={error} />
      {state === "sent" ? (
        <p role="status" data-testid="verification-resent">
          <UserSentence i18nKey="account.resend.sent" user={{ email }} />
        </p>
      ) : null}
      <p>
        <BusyButton type="button" className="button button--secondary button--small" busy={state === "sending"} busyLabel={t("account.resend.sending")} onClick={() => void send()}>
          {t("account.resend.button")}
        </BusyButton>
      </p>
    </div>
  );
}
