import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { isApiError } from "../../shared/api/errors";
import { TextAreaField } from "../../shared/ui/fields";
import { ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDate } from "../../shared/ui/format";
import { feedbackApi, feedbackKeys, type MyReview } from "./feedbackApi";
import { Stars } from "./Stars";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import "./feedback.css";
import { BusyButton } from "../../shared/ui/BusyButton";

const MAX_TEXT = 2000;
const STARS = [1, 2, 3, 4, 5] as const;
const NPS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/**
 * On a completed visit: the patient's review form (stars 1–5 as a radio group, their words, the optional NPS question 0–10),
 * or, once sent, "Thank you" and the review read-only. Shows nothing to someone the visit is not theirs (404).
 */
export function LeaveReviewSection({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: feedbackKeys.mine(consultationId), queryFn: () => feedbackApi.mine(consultationId), retry: false });
  const [justSent, setJustSent] = useState(false);

  if (mine.isPending) return <Loading />;
  // Not the caller's visit (or no longer there): nothing to review here.
  if (isApiError(mine.error) && mine.error.status === 404) return null;
  if (mine.error) return <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />;
  return (
    <section className="card stack" aria-labelledby="review-title" data-testid="leave-review">
      <h2 id="review-title">{t("feedback.form.title")}</h2>
      {mine.data ? <SentReview review={mine.data} thanks={justSent} /> : <ReviewForm consultationId={consultationId} onSent={() => setJustSent(true)} />}
    </section>
  );
}

function SentReview({ review, thanks }: { review: MyReview; thanks: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="stack" data-testid="my-review">
      <div role="status">{thanks ? <p className="alert alert--success">{t("feedback.form.thanks")}</p> : null}</div>
      <p>{t("feedback.form.reviewedOn", { date: formatDate(review.createdAt.slice(0, 10), i18n.language) })}</p>
      <Stars value={review.stars} />
      {review.text ? <p className="prewrap" dir="auto">{review.text}</p> : null}
      <p className="muted">{review.nps === null ? t("feedback.form.npsSkipped") : t("feedback.form.npsAnswer", { nps: review.nps })}</p>
      {review.hidden ? <p className="muted">{t("feedback.form.hiddenByClinic")}</p> : null}
    </div>
  );
}

function ReviewForm({ consultationId, onSent }: { consultationId: string; onSent: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [stars, setStars] = useState<number | null>(null);
  const [text, setText] = useState("");
  const [nps, setNps] = useState<number | null>(null);
  const [starsError, setStarsError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (stars === null) {
      setStarsError(t("feedback.form.starsRequired"));
      return;
    }
    setStarsError(null);
    setBusy(true);
    setError(null);
    try {
      const review = await feedbackApi.leave(consultationId, { stars, text: text.trim(), nps });
      queryClient.setQueryData(feedbackKeys.mine(consultationId), review);
      onSent();
      await queryClient.invalidateQueries({ queryKey: ["feedback", "doctor"] });
    } catch (e) {
      setError(e);
      // Reviewed meanwhile (another tab): show that review instead of a form that cannot be sent.
      await queryClient.invalidateQueries({ queryKey: feedbackKeys.mine(consultationId) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      <p className="muted">{t("feedback.form.intro")}</p>
      <fieldset className="review-choice" aria-describedby={starsError ? "review-stars-error" : undefined}>
        <legend>{t("feedback.form.stars")}</legend>
        <div className="review-choice__options">
          {STARS.map((s) => (
            <label key={s} className="review-choice__option">
              <input type="radio" name="review-stars" value={s} checked={stars === s} onChange={() => setStars(s)} />
              <span>{t("feedback.starsLabel", { count: s })}</span>
            </label>
          ))}
        </div>
        {starsError ? (
          <p id="review-stars-error" className="field-error" role="alert">
            {starsError}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        dir="auto"
        label={t("feedback.form.text")}
        hint={t("feedback.form.textHint", { max: MAX_TEXT })}
        value={text}
        maxLength={MAX_TEXT}
        rows={4}
        onChange={(e) => setText(e.target.value)}
      />
      <fieldset className="review-choice">
        <legend>{t("feedback.form.npsQuestion")}</legend>
        <p className="muted">{t("feedback.form.npsHint")}</p>
        <div className="review-choice__options review-choice__options--nps">
          {NPS.map((n) => (
            <label key={n} className="review-choice__option">
              <input type="radio" name="review-nps" value={n} checked={nps === n} onChange={() => setNps(n)} />
              <span>{n}</span>
            </label>
          ))}
        </div>
        <p className="muted review-choice__scale">
          <span>{t("feedback.form.npsLow")}</span>
          <span>{t("feedback.form.npsHigh")}</span>
        </p>
        {nps !== null ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setNps(null)}>
            {t("feedback.form.npsClear")}
          </button>
        ) : null}
      </fieldset>
      <ProblemMessage error={error} namespace="feedback" />
      <div className="button-row">
        <BusyButton type="submit" className="button" busy={busy}>
          {t("feedback.form.send")}
        </BusyButton>
      </div>
    </form>
  );
}
