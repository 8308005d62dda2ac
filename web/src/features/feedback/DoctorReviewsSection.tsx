import { useState } from "react";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { isApiError } from "../../shared/api/errors";
import { ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDate } from "../../shared/ui/format";
import { feedbackApi, feedbackKeys } from "./feedbackApi";
import { Stars } from "./Stars";
import "./feedback.css";

/** On a doctor's profile: the average stars and count of visible reviews, and the reviews newest first ("Verified patient", the day). */
export function DoctorReviewsSection({ doctorId }: { doctorId: string }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const reviews = useQuery({
    queryKey: feedbackKeys.doctor(doctorId, page),
    queryFn: () => feedbackApi.doctorReviews(doctorId, page),
    placeholderData: keepPreviousData,
  });
  const data = reviews.data;
  // The profile itself says when the doctor does not exist.
  if (isApiError(reviews.error) && reviews.error.status === 404) return null;
  const pages = data ? Math.max(1, Math.ceil(data.count / data.pageSize)) : 1;

  return (
    <section aria-labelledby="reviews-title" className="stack" data-testid="doctor-reviews">
      <h2 id="reviews-title">{t("feedback.profile.title")}</h2>
      {reviews.isPending ? <Loading /> : null}
      <ErrorAlert error={reviews.error} onRetry={() => void reviews.refetch()} />
      {data ? (
        data.count === 0 ? (
          <p className="muted">{t("feedback.profile.none")}</p>
        ) : (
          <>
            <p data-testid="reviews-summary">
              {data.average !== null ? <Stars value={data.average} /> : null}{" "}
              <strong>{t("feedback.profile.average", { average: data.average?.toLocaleString(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })}</strong>{" "}
              <span className="muted">{t("feedback.profile.count", { count: data.count })}</span>
            </p>
            <ul className="review-list">
              {data.items.map((r) => (
                <li key={r.id} data-review-id={r.id}>
                  <p>
                    <Stars value={r.stars} /> <strong>{t("feedback.profile.verifiedPatient")}</strong>{" "}
                    <span className="muted">{formatDate(r.date, i18n.language)}</span>
                  </p>
                  {r.text ? <p className="prewrap" dir="auto">{r.text}</p> : null}
                </li>
              ))}
            </ul>
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
          </>
        )
      ) : null}
    </section>
  );
}
