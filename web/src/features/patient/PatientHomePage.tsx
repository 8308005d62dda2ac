import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../../shared/auth/session";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { UserSentence } from "../../shared/ui/UserText";

export function PatientHomePage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.patientHome");
  const { data: session } = useSession();
  return (
    <div className="stack">
      <h1>
        <UserSentence i18nKey="patient.homeTitle" user={{ name: session?.user?.displayName ?? "" }} />
      </h1>
      <p className="lead">{t("patient.homeIntro")}</p>
      <div className="tile-grid">
        <Link to="/patient/doctors" className="tile">
          <span className="tile__title">{t("nav.findDoctor")}</span>
          <span className="tile__text">{t("patient.findDoctorCard")}</span>
        </Link>
        <Link to="/patient/book" className="tile">
          <span className="tile__title">{t("nav.bookVisit")}</span>
          <span className="tile__text">{t("scheduling.bookCard")}</span>
        </Link>
        <Link to="/patient/appointments" className="tile">
          <span className="tile__title">{t("nav.myAppointments")}</span>
          <span className="tile__text">{t("scheduling.appointmentsCard")}</span>
        </Link>
        <Link to="/patient/profile" className="tile">
          <span className="tile__title">{t("nav.myProfile")}</span>
          <span className="tile__text">{t("patient.profileCard")}</span>
        </Link>
      </div>
    </div>
  );
}
