import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { schedulingApi } from "../../shared/api/scheduling";
import { SuccessMessage } from "../../shared/ui/feedback";
import { ProblemAlert } from "./common";
import { BusyButton } from "../../shared/ui/BusyButton";

/** The doctor's secret calendar feed: its URL (also after a reload), create or rotate, and revoke (only when there is a feed). */
export function CalendarFeedPanel({ doctorId }: { doctorId: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const inputId = useId();
  const queryClient = useQueryClient();
  const feed = useQuery({ queryKey: ["calendar-feed", doctorId], queryFn: () => schedulingApi.calendarFeed(doctorId) });
  const [url, setUrl] = useState<string | null>(null);
  const [exists, setExists] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!feed.data) return;
    setExists(feed.data.exists);
    setUrl(feed.data.url ? new URL(feed.data.url, window.location.origin).toString() : null);
  }, [feed.data]);
  const create = useMutation({
    mutationFn: () => schedulingApi.createCalendarFeed(doctorId),
    onSuccess: (result) => {
      setMessage(null);
      setExists(true);
      setUrl(new URL(result.url, window.location.origin).toString());
      void queryClient.invalidateQueries({ queryKey: ["calendar-feed", doctorId] });
    },
  });
  const revoke = useMutation({
    mutationFn: () => schedulingApi.revokeCalendarFeed(doctorId),
    onSuccess: () => {
      setUrl(null);
      setExists(false);
      setMessage("scheduling.feedRevoked");
      void queryClient.invalidateQueries({ queryKey: ["calendar-feed", doctorId] });
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
      <ProblemAlert error={create.error ?? revoke.error ?? feed.error} />
      <div className="button-row">
        <BusyButton type="button" className="button" busy={create.isPending} onClick={() => create.mutate()}>
          {exists ? t("scheduling.feedRotate") : t("scheduling.feedCreate")}
        </BusyButton>
        {exists ? (
          <BusyButton type="button" className="button button--secondary" busy={revoke.isPending} onClick={() => revoke.mutate()}>
            {t("scheduling.feedRevoke")}
          </BusyButton>
        ) : null}
      </div>
    </section>
  );
}
