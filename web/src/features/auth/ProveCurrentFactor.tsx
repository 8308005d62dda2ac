import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { authApi } from "./authApi";
import type { MfaEnrolment } from "../../shared/api/types";
import { TextField } from "../../shared/ui/fields";
import { ErrorAlert } from "../../shared/ui/feedback";
import { isApiError } from "../../shared/api/errors";
import { BusyButton } from "../../shared/ui/BusyButton";

/**
 * Replacing an authenticator starts here: the user proves the second factor they have now (the current app's code, or a
 * recovery code when the phone is lost), and gets the new key to scan (POST /auth/mfa/enrolment/replacement).
 */
export function ProveCurrentFactor({ onProved }: { onProved: (enrolment: MfaEnrolment) => void }) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState("");
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const entered = value.trim();
    setError(null);
    setMissing(entered.length === 0);
    if (entered.length === 0) return;
    setBusy(true);
    try {
      onProved(await authApi.beginMfaReplacement(useRecovery ? { recoveryCode: entered } : { code: entered.replace(/\s+/g, "") }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack" data-testid="mfa-prove-current">
      <h2>{t("polish.mfaReplace.title")}</h2>
      <p className="muted">{t("polish.mfaReplace.intro")}</p>
      <ErrorAlert error={error} shownFields={["code", "recoveryCode"]} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="form">
        <TextField
          key={useRecovery ? "recovery" : "code"}
          label={useRecovery ? t("polish.mfaReplace.recoveryCode") : t("polish.mfaReplace.code")}
          inputMode={useRecovery ? "text" : "numeric"}
          autoComplete={useRecovery ? "off" : "one-time-code"}
          maxLength={useRecovery ? 64 : 7}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={missing ? { message: "polish.mfaReplace.required" } : serverFieldError(error)}
        />
        <BusyButton type="submit" className="button button--block" busy={busy}>
          {t("polish.mfaReplace.submit")}
        </BusyButton>
      </form>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setUseRecovery(!useRecovery);
          setValue("");
          setMissing(false);
        }}
      >
        {useRecovery ? t("polish.mfaReplace.useCode") : t("polish.mfaReplace.useRecoveryCode")}
      </button>
    </div>
  );
}

/** The server's message on the code (a wrong or reused code), shown under the field. */
function serverFieldError(error: unknown): { message: string } | undefined {
  const messages = isApiError(error) ? (error.fieldErrors.code ?? error.fieldErrors.recoveryCode) : undefined;
  return messages?.length ? { message: messages.join(" ") } : undefined;
}
