import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { doctorApi, doctorKeys } from "./doctorApi";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { TodayAgenda } from "./TodayAgenda";
import { UserText } from "../../shared/ui/UserText";

export function DoctorHomePage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("titles.doctorHome");
  const patients = useQuery({ queryKey: doctorKeys.myPatients, queryFn: doctorApi.doctorPatients });
  return (
    <div className="stack">
      <h1>{t("doctorDesk.agenda.homeTitle")}</h1>
      <TodayAgenda />
      <h2>{t("doctor.homeTitle")}</h2>
      <p className="muted">{t("doctor.homeIntro")}</p>
      {patients.isPending ? <Loading /> : null}
      <ErrorAlert error={patients.error} onRetry={() => void patients.refetch()} />
      {patients.data?.length === 0 ? <EmptyState>{t("doctor.noPatients")}</EmptyState> : null}
      {patients.data?.length ? (
        <ul className="list-cards" data-testid="my-patients" aria-label={t("doctor.homeTitle")}>
          {patients.data.map((p) => (
            <li key={p.id} className="list-card">
              <Link to={`/doctor/patients/${encodeURIComponent(p.id)}`} className="list-card__title">
                <UserText>{p.displayName}</UserText>
              </Link>
              <span className={`badge${p.relationship === "break-glass" ? " badge--danger" : ""}`}>
                {t(`doctor.relationships.${p.relationship}`, { defaultValue: p.relationship })}
              </span>
              {p.until ? <span className="muted">{t("doctor.until", { date: formatDateTime(p.until, i18n.language) })}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
