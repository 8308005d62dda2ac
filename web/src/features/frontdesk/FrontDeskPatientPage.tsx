import { Link, useLocation, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { doctorApi, doctorKeys } from "../doctor/doctorApi";
import { ErrorAlert, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { DemographicsList } from "../doctor/PatientDetails";
import { DeskContactPanel } from "../frontoffice/DeskContactPanel";

export function FrontDeskPatientPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.frontDeskPatient");
  const { id = "" } = useParams();
  const registered = (useLocation().state as { registered?: boolean } | null)?.registered === true;
  const demographics = useQuery({ queryKey: doctorKeys.demographics(id), queryFn: () => doctorApi.demographics(id) });
  return (
    <div className="stack">
      <p>
        <Link to="/front-desk">← {t("frontDesk.backToSearch")}</Link>
      </p>
      <h1 dir="auto">
        {demographics.data ? `${demographics.data.givenName} ${demographics.data.familyName}` : t("frontDesk.details")}
      </h1>
      {registered ? <SuccessMessage>{t("frontOffice.register.registered")}</SuccessMessage> : null}
      <p>
        <Link className="button" to={`/front-desk/book?patientId=${encodeURIComponent(id)}`}>
          {t("nav.bookVisit")}
        </Link>
      </p>
      <section className="card" aria-label={t("frontDesk.details")}>
        {demographics.isPending ? <Loading /> : null}
        <ErrorAlert error={demographics.error} />
        {demographics.data ? <DemographicsList data={demographics.data} /> : null}
      </section>
      <DeskContactPanel patientId={id} />
    </div>
  );
}
