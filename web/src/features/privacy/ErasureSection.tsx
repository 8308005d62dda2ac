import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../shared/ui/ConfirmDialog";
import { TextAreaField } from "../../shared/ui/fields";
import { ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDate, formatDateTime } from "../../shared/ui/format";
import { privacyApi, privacyKeys, type ErasureRequestView } from "./privacyApi";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { KeptList } from "./KeptList";
import { UserSentence } from "../../shared/ui/UserText";

const MAX_REASON = 1000;

/** True while the clinic has not yet carried out or declined the request: the patient cannot ask again. */
export function isOpenErasure(request: ErasureRequestView): boolean {
  return request.status === "requested" || request.status === "inProgress";
}

/**
 * "Erase my data": the latest request's status, and once handled the clinic's answer (what was kept, why and until when, or
 * the decline reason); asking goes through a confirmation with an optional reason.
 */
export function ErasureSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const requests = useQuery({ queryKey: privacyKeys.erasureRequests, queryFn: privacyApi.erasureRequests });
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);

  const latest = requests.data?.[0];
  const canAsk = requests.data !== undefined && (latest === undefined || !isOpenErasure(latest));

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await privacyApi.requestErasure(reason.trim() || null);
      queryClient.setQueryData<ErasureRequestView[]>(privacyKeys.erasureRequests, (old) => [created, ...(old ?? [])]);
      setAsking(false);
      setReason("");
      setSent(true);
    } catch (e) {
      setError(e);
      // A request opened meanwhile (another tab) is shown instead of the stale state.
      void requests.refetch();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="erasure-title" data-testid="erasure-section">
      <h2 id="erasure-title">{t("privacy.erasure.title")}</h2>
      <p>{t("privacy.erasure.intro")}</p>
      {requests.isPending ? <Loading /> : null}
      <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} />
      <div role="status">{sent ? <p>{t("privacy.erasure.sent")}</p> : null}</div>
      {latest ? <ErasureStatus request={latest} /> : null}
      <ProblemMessage error={error && !asking ? error : null} namespace="privacy" />
      {canAsk ? (
        <div className="button-row">
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              setError(null);
              setSent(false);
              setAsking(true);
            }}
          >
            {t("privacy.erasure.ask")}
          </button>
        </div>
      ) : null}
      {asking ? (
        <ConfirmDialog
          title={t("privacy.erasure.confirmTitle")}
          text={t("privacy.erasure.confirmText")}
          confirmLabel={t("privacy.erasure.confirm")}
          destructive
          busy={busy}
          testId="erasure-confirm"
          onConfirm={() => void send()}
          onCancel={() => {
            setAsking(false);
            setError(null);
          }}
        >
          <TextAreaField dir="auto" label={t("privacy.erasure.reason")} value={reason} maxLength={MAX_REASON} rows={3} onChange={(e) => setReason(e.target.value)} />
          <ProblemMessage error={error} namespace="privacy" />
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function ErasureStatus({ request }: { request: ErasureRequestView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="stack" data-testid="erasure-status">
      <p>
        <strong>{t(`privacy.erasure.status.${request.status}`, { defaultValue: request.status })}</strong> ·{" "}
        {t("privacy.erasure.requestedOn", { when: formatDateTime(request.requestedAt, lang) })}
      </p>
      {request.reason ? (
        <p className="muted">
          <UserSentence i18nKey="privacy.erasure.yourReason" user={{ reason: request.reason }} />
        </p>
      ) : null}
      {request.status === "completed" ? (
        <>
          <p>{t("privacy.erasure.completedOn", { when: formatDate(request.completedAt ?? request.decidedAt ?? request.requestedAt, lang) })}</p>
          <KeptList kept={request.kept} />
        </>
      ) : null}
      {request.status === "declined" ? (
        <>
          <p>{t("privacy.erasure.declinedOn", { when: formatDate(request.decidedAt ?? request.requestedAt, lang) })}</p>
          {request.declineReason ? (
            <p>
              <UserSentence i18nKey="privacy.erasure.declineReason" user={{ reason: request.declineReason }} />
            </p>
          ) : null}
          <p className="muted">{t("privacy.erasure.askAgain")}</p>
        </>
      ) : null}
    </div>
  );
}
