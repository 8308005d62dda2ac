import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../shared/ui/ConfirmDialog";
import { SelectField, TextAreaField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDate, formatDateTime } from "../../shared/ui/format";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { erasureRequestsApi, erasureRequestsKeys, type AdminErasureRequest } from "./erasureRequestsApi";
import { UserSentence } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

const STATUSES = ["requested", "inProgress", "completed", "declined"] as const;

/** Admin: patients' erasure requests, open first; review one, carry it out (confirmed; resumable after a failed step) or decline it with a reason. */
export function AdminErasureRequestsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("privacy.erasureAdmin.title");
  const [status, setStatus] = useState("");
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const requests = useQuery({ queryKey: erasureRequestsKeys.list(status), queryFn: () => erasureRequestsApi.list(status) });
  const selected = requests.data?.find((r) => r.id === selectedId) ?? null;

  return (
    <div className="stack">
      <h1>{t("privacy.erasureAdmin.title")}</h1>
      <p className="muted">{t("privacy.erasureAdmin.intro")}</p>
      <div className="card filters">
        <SelectField
          label={t("privacy.erasureAdmin.filter")}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          options={[
            { value: "", label: t("privacy.erasureAdmin.anyStatus") },
            ...STATUSES.map((s) => ({ value: s, label: t(`privacy.erasure.status.${s}`) })),
          ]}
        />
      </div>
      {selected ? <ErasureReview key={selected.id} request={selected} onClose={() => setSelectedId(null)} /> : null}
      {requests.isPending ? <Loading /> : null}
      <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} />
      {requests.data?.length === 0 ? <EmptyState>{t("privacy.erasureAdmin.none")}</EmptyState> : null}
      {requests.data && requests.data.length > 0 ? (
        <div className="table-wrap" role="region" aria-label={t("privacy.erasureAdmin.title")} tabIndex={0}>
          <table className="table" data-testid="erasure-requests">
            <thead>
              <tr>
                <th scope="col">{t("privacy.erasureAdmin.requested")}</th>
                <th scope="col">{t("privacy.erasureAdmin.status")}</th>
                <th scope="col">{t("privacy.erasureAdmin.patient")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("privacy.erasureAdmin.review")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {requests.data.map((r) => (
                <tr key={r.id} data-request-id={r.id}>
                  <td>{formatDateTime(r.requestedAt, i18n.language)}</td>
                  <td>{t(`privacy.erasure.status.${r.status}`, { defaultValue: r.status })}</td>
                  <td>
                    <code>{r.patientId.slice(0, 8)}</code>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={`${t("privacy.erasureAdmin.review")}: ${formatDateTime(r.requestedAt, i18n.language)}`}
                      onClick={() => setSelectedId(r.id)}
                    >
                      {t("privacy.erasureAdmin.review")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function ErasureReview({ request, onClose }: { request: AdminErasureRequest; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [declineReason, setDeclineReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const open = request.status === "requested" || request.status === "inProgress";
  const headingId = `erasure-review-${request.id}`;

  const act = async (action: () => Promise<AdminErasureRequest>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setDone(message);
      setConfirming(false);
      setDeclining(false);
    } catch (e) {
      setError(e);
      setConfirming(false);
    } finally {
      setBusy(false);
      // The list shows the request's new state (also after a failed step, which leaves it in progress).
      await queryClient.invalidateQueries({ queryKey: erasureRequestsKeys.all });
    }
  };

  const submitDecline = (event: FormEvent) => {
    event.preventDefault();
    if (!declineReason.trim()) {
      setReasonError(t("privacy.erasureAdmin.reasonRequired"));
      return;
    }
    setReasonError(null);
    void act(() => erasureRequestsApi.decline(request.id, declineReason.trim()), t("privacy.erasureAdmin.declined"));
  };

  return (
    <section className="card stack" aria-labelledby={headingId} data-testid="erasure-review">
      <div className="section-header">
        <h2 id={headingId}>{t("privacy.erasureAdmin.reviewTitle", { when: formatDateTime(request.requestedAt, lang) })}</h2>
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          {t("app.close")}
        </button>
      </div>
      <p>
        <strong>{t(`privacy.erasure.status.${request.status}`, { defaultValue: request.status })}</strong>
      </p>
      <div role="status">{done ? <p>{done}</p> : null}</div>
      <ProblemMessage error={error} namespace="privacy" />
      <h3>{t("privacy.erasureAdmin.reason")}</h3>
      <p dir={request.reason ? "auto" : undefined}>{request.reason || t("privacy.erasureAdmin.noReason")}</p>
      <h3>{t("privacy.erasureAdmin.stepsDone")}</h3>
      {request.stepsDone.length === 0 ? (
        <p>{t("privacy.erasureAdmin.noSteps")}</p>
      ) : (
        <ul>
          {request.stepsDone.map((s) => (
            <li key={s}>{t(`privacy.erasureAdmin.steps.${s}`, { defaultValue: s })}</li>
          ))}
        </ul>
      )}
      {request.failedStep ? (
        <p className="alert alert--error">{t("privacy.erasureAdmin.failedStep", { step: t(`privacy.erasureAdmin.steps.${request.failedStep}`, { defaultValue: request.failedStep }) })}</p>
      ) : null}
      {request.status === "completed" || request.kept.length > 0 ? (
        <>
          <h3>{t("privacy.erasure.keptTitle")}</h3>
          {request.kept.length === 0 ? (
            <p>{t("privacy.erasure.keptNone")}</p>
          ) : (
            <ul data-testid="erasure-kept">
              {request.kept.map((k) => (
                <li key={`${k.category}-${k.jurisdiction}`}>
                  <strong>{t(`privacy.erasure.categories.${k.category}`, { defaultValue: k.category })}</strong>:{" "}
                  {t("privacy.erasure.keptItem", { until: formatDate(k.keptUntil, lang), years: k.years, source: k.legalSource })}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      {request.status === "declined" && request.declineReason ? (
        <p>
          <UserSentence i18nKey="privacy.erasure.declineReason" user={{ reason: request.declineReason }} />
        </p>
      ) : null}
      {open ? (
        <div className="button-row">
          <button type="button" className="button button--danger" disabled={busy} onClick={() => setConfirming(true)}>
            {t(request.status === "inProgress" ? "privacy.erasureAdmin.resume" : "privacy.erasureAdmin.carryOut")}
          </button>
          {request.status === "requested" && !declining ? (
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => setDeclining(true)}>
              {t("privacy.erasureAdmin.decline")}
            </button>
          ) : null}
        </div>
      ) : null}
      {declining && request.status === "requested" ? (
        <form className="stack" onSubmit={submitDecline} noValidate>
          <TextAreaField
            dir="auto"
            label={t("privacy.erasureAdmin.declineReason")}
            value={declineReason}
            maxLength={1000}
            rows={3}
            required
            error={reasonError ? { message: reasonError } : undefined}
            onChange={(e) => setDeclineReason(e.target.value)}
          />
          <div className="button-row">
            <BusyButton type="submit" className="button" busy={busy && !confirming}>
              {t("privacy.erasureAdmin.declineSubmit")}
            </BusyButton>
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => setDeclining(false)}>
              {t("app.cancel")}
            </button>
          </div>
        </form>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t("privacy.erasureAdmin.carryOutTitle")}
          text={t("privacy.erasureAdmin.carryOutText")}
          confirmLabel={t(request.status === "inProgress" ? "privacy.erasureAdmin.resume" : "privacy.erasureAdmin.carryOut")}
          destructive
          busy={busy}
          testId="erasure-carry-out-confirm"
          onConfirm={() => void act(() => erasureRequestsApi.carryOut(request.id), t("privacy.erasureAdmin.carriedOut"))}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </section>
  );
}
