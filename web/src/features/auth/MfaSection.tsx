import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { authApi, authKeys } from "./authApi";
import { TextField } from "../../shared/ui/fields";
import { ErrorAlert, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { applyServerFieldErrors } from "../../shared/ui/serverErrors";
import { BusyButton } from "../../shared/ui/BusyButton";

/** The fields that show the server's messages under their inputs (any other field message goes to the alert). */
const SERVER_FIELDS = ["code"] as const;

const codeSchema = z.object({ code: z.string().trim().min(1, "validation.required") });
type CodeValues = z.infer<typeof codeSchema>;

/**
 * The Account page's second-factor section: whether MFA is on (staff cannot switch it off), how many recovery codes are
 * left, new recovery codes for the current authenticator code (shown once, to copy or download), and a new authenticator.
 */
export function MfaSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: authKeys.mfaStatus, queryFn: authApi.mfaStatus });
  const [codes, setCodes] = useState<string[] | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const form = useForm<CodeValues>({ resolver: zodResolver(codeSchema), defaultValues: { code: "" } });

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const issued = await authApi.regenerateRecoveryCodes(values.code);
      form.reset();
      setCopied(false);
      setCodes(issued.recoveryCodes);
      await queryClient.invalidateQueries({ queryKey: authKeys.mfaStatus });
    } catch (e) {
      applyServerFieldErrors(e, form.setError, SERVER_FIELDS);
      setError(e);
    }
  });

  const text = codes?.join("\n") ?? "";
  const copy = async () => {
    await navigator.clipboard?.writeText(text);
    setCopied(true);
  };

  return (
    <section className="card" aria-labelledby="mfa-title">
      <h2 id="mfa-title">{t("account.mfa.title")}</h2>
      {status.isPending ? <Loading /> : null}
      <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
      {status.data ? (
        <>
          <p data-testid="mfa-status">{status.data.enabled ? t("account.mfa.on") : t("account.mfa.off")}</p>
          {status.data.required ? <p className="muted">{t("account.mfa.required")}</p> : null}
          {status.data.enabled ? (
            <>
              <p data-testid="recovery-codes-left">{t("account.mfa.codesLeft", { count: status.data.recoveryCodesLeft })}</p>
              <p className="muted">{t("account.mfa.codesIntro")}</p>
              {codes ? (
                <div className="stack" role="region" aria-labelledby="new-codes-title">
                  <h3 id="new-codes-title">{t("account.mfa.newCodes")}</h3>
                  <SuccessMessage>{t("account.mfa.shownOnce")}</SuccessMessage>
                  <ul className="recovery-codes" data-testid="new-recovery-codes">
                    {codes.map((code) => (
                      <li key={code}>
                        <code>{code}</code>
                      </li>
                    ))}
                  </ul>
                  <div className="button-row">
                    <button type="button" className="button button--secondary" onClick={() => void copy()}>
                      {t("account.mfa.copy")}
                    </button>
                    <a className="button button--secondary" download="telemed-recovery-codes.txt" href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}>
                      {t("account.mfa.download")}
                    </a>
                    <button type="button" className="button" onClick={() => setCodes(null)}>
                      {t("account.mfa.done")}
                    </button>
                  </div>
                  {copied ? <p role="status">{t("account.mfa.copied")}</p> : null}
                </div>
              ) : (
                <form onSubmit={onSubmit} noValidate className="form">
                  <ErrorAlert error={error} shownFields={SERVER_FIELDS} />
                  <TextField
                    label={t("account.mfa.code")}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    error={form.formState.errors.code}
                    {...form.register("code")}
                  />
                  <BusyButton type="submit" className="button" busy={form.formState.isSubmitting}>
                    {t("account.mfa.regenerate")}
                  </BusyButton>
                </form>
              )}
              <p>
                <Link to="/mfa/enrol">{t("account.mfa.reenrol")}</Link>
              </p>
            </>
          ) : (
            <p>
              <Link to="/mfa/enrol">{t("account.mfa.setUp")}</Link>
            </p>
          )}
        </>
      ) : null}
    </section>
  );
}
