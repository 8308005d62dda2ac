import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { SelectField, TextAreaField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { feedbackApi, feedbackKeys, type AdminReview } from "./feedbackApi";
import { Stars } from "./Stars";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import "./feedback.css";
import { UserSentence, UserText } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

const MAX_REASON = 500;

/** Admin: moderation of patients' reviews, newest first; hide one with a reason (audited) or show it again. */
export function AdminReviewsPage() {
  const { t } = useTranslation();
  useDocumentTitle("feedback.admin.title");
  const [hidden, setHidden] = useState("");
  const [page, setPage] = useState(1);
  const list = useQuery({ queryKey: feedbackKeys.admin(hidden, page), queryFn: () => feedbackApi.adminList(hidden, page), placeholderData: keepPreviousData });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.pageSize)) : 1;

  return (
    <div className="stack">
      <h1>{t("feedback.admin.title")}</h1>
      <p className="muted">{t("feedback.admin.intro")}</p>
      <div className="card filters">
        <SelectField
          label={t("feedback.admin.filter")}
          value={hidden}
          onChange={(e) => {
            setHidden(e.target.value);
            setPage(1);
          }}
          options={[
            { value: "", label: t("feedback.admin.all") },
            { value: "false", label: t("feedback.admin.visible") },
            { value: "true", label: t("feedback.admin.hidden") },
          ]}
        />
      </div>
      {list.isPending ? <Loading /> : null}
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.data?.items.length === 0 ? <EmptyState>{t("feedback.admin.none")}</EmptyState> : null}
      {list.data && list.data.items.length > 0 ? (
        <ul className="review-list" data-testid="admin-reviews">
          {list.data.items.map((r) => (
            <AdminReviewItem key={`${r.id}-${r.version}`} review={r} />
          ))}
        </ul>
      ) : null}
      {pages > 1 ? (
        <div className="button-row">
          <button type="button" className="button button--secondary button--small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t("app.previous")}
          </button>
          <span>{t("app.pageOf", { page, pages })}</span>
          <button type="button" className="button button--secondary button--small" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {t("app.next")}
          </button>
        </div>
      ) : null}
    </div>
  );
}

function AdminReviewItem({ review }: { review: AdminReview }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [hiding, setHiding] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const headingId = `review-${review.id}`;

  const act = async (action: () => Promise<AdminReview>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setHiding(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      // The public profile's list, average and count change too.
      await queryClient.invalidateQueries({ queryKey: feedbackKeys.all });
    }
  };

  const submitHide = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError(t("feedback.admin.reasonRequired"));
      return;
    }
    setReasonError(null);
    void act(() => feedbackApi.hide(review.id, reason.trim()));
  };

  return (
    <li className="stack" data-review-id={review.id} aria-labelledby={headingId}>
      <p id={headingId}>
        <Stars value={review.stars} /> <strong>{review.doctorName ? <UserText>{review.doctorName}</UserText> : t("feedback.admin.unknownDoctor")}</strong>{" "}
        <span className="muted">{formatDateTime(review.createdAt, i18n.language)}</span>{" "}
        {review.hidden ? <span className="badge">{t("feedback.admin.hiddenBadge")}</span> : null}
      </p>
      {review.text ? <p className="prewrap" dir="auto">{review.text}</p> : <p className="muted">{t("feedback.admin.noText")}</p>}
      <p className="muted">{review.nps === null ? t("feedback.form.npsSkipped") : t("feedback.form.npsAnswer", { nps: review.nps })}</p>
      {review.hidden && review.hiddenReason ? (
        <p>
          <UserSentence i18nKey="feedback.admin.hiddenBecause" user={{ reason: review.hiddenReason }} values={{ when: formatDateTime(review.hiddenAt, i18n.language) }} />
        </p>
      ) : null}
      <ProblemMessage error={error} namespace="feedback" />
      {review.hidden ? (
        <div className="button-row">
          <BusyButton type="button" className="button button--secondary button--small" busy={busy} onClick={() => void act(() => feedbackApi.show(review.id))}>
            {t("feedback.admin.show")}
          </BusyButton>
        </div>
      ) : hiding ? (
        <form className="stack" onSubmit={submitHide} noValidate>
          <TextAreaField
            dir="auto"
            label={t("feedback.admin.reason")}
            value={reason}
            maxLength={MAX_REASON}
            rows={2}
            required
            error={reasonError ? { message: reasonError } : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="button-row">
            <BusyButton type="submit" className="button button--danger button--small" busy={busy}>
              {t("feedback.admin.confirmHide")}
            </BusyButton>
            <button type="button" className="button button--secondary button--small" onClick={() => setHiding(false)}>
              {t("app.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => setHiding(true)}>
            {t("feedback.admin.hide")}
          </button>
        </div>
      )}
    </li>
  );
}
