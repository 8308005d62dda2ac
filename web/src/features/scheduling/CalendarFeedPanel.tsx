import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@tanstack/react-query";
import { schedulingApi } from "../../shared/api/scheduling";
import { SuccessMessage } from "../../shared/ui/feedback";
import { ProblemAlert } from "./common";

/** The doctor's secret calendar feed: create or rotate (shows the URL once) and revoke. */
export function CalendarFeedPanel({ doctorId }: { doctorId: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const inputId = useId();
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => schedulingApi.createCalendarFeed(doctorId),
    onSuccess: (result) => {
      setMessage(null);
      setUrl(new URL(result.url, window.location.origin).toString());
    },
  });
  const revoke = useMutation({
    mutationFn: () => schedulingApi.revokeCalendarFeed(doctorId),
    onSuccess: () => {
      setUrl(null);
      setMessage("scheduling.feedRevoked");
    },
  });
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setMessage("scheduling.feedCopied");
    } catch {
      document.getElementById(inputId)?.focus();
    }
  };
  return (
    <section className="card stack" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("scheduling.feedTitle")}</h2>
      <p className="muted">{t("scheduling.feedIntro")}</p>
      {url ? (
        <div className="inline-add">
          <div className="field">
            <label htmlFor={inputId}>{t("scheduling.feedUrl")}</label>
            <input id={inputId} readOnly value={url} data-testid="calendar-feed-url" onFocus={(e) => e.currentTarget.select()} />
          </div>
          <button type="button" className="button button--secondary" onClick={() => void copy()}>
            {t("scheduling.copy")}
          </button>
        </div>
      ) : null}
      {message ? <SuccessMessage>{t(message)}</SuccessMessage> : null}
      <ProblemAlert error={create.error ?? revoke.error} />
      <div className="button-row">
        <button type="button" className="button" disabled={create.isPending} onClick={() => create.mutate()}>
          {url ? t("scheduling.feedRotate") : t("scheduling.feedCreate")}
        </button>
        <button type="button" className="button button--secondary" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
          {t("scheduling.feedRevoke")}
        </button>
      </div>
    </section>
  );
}
