import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { LeaveReviewSection } from "./LeaveReviewSection";

/** /patient/consultations/:id/review: the review of one completed visit (the form, or the review once sent). */
export function ReviewPage() {
  const { t } = useTranslation();
  useDocumentTitle("feedback.form.title");
  const { id = "" } = useParams();
  return (
    <div className="stack">
      <h1>{t("feedback.form.title")}</h1>
      <LeaveReviewSection consultationId={id} />
      <p>
        <Link to="/patient/appointments">{t("feedback.form.backToVisits")}</Link>
      </p>
    </div>
  );
}
