import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { Appointment } from "../../shared/api/scheduling";
import { useNow } from "./common";
import { visitWindow } from "./visitWindow";

/** "Join visit" on a patient's video or chat appointment, from 15 minutes before its start until its end. */
export function JoinVisitLink({ appointment }: { appointment: Appointment }) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  if (visitWindow(appointment, now) !== "open") return null;
  return (
    <div className="alert alert--success join-visit" data-testid="join-visit">
      <p>{t("consultations.visit.joinHint")}</p>
      <Link className="button" to={`/patient/visit/${encodeURIComponent(appointment.id)}`}>
        {t("consultations.visit.joinVisit")}
      </Link>
    </div>
  );
}
