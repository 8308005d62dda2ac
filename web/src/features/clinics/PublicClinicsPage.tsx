import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { clinicsApi, clinicsKeys, pageLanguage } from "./clinicsApi";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { UserText } from "../../shared/ui/UserText";

/** The clinics, for visitors before sign-in (/clinics). */
export function PublicClinicsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("clinicPages.title");
  const language = pageLanguage(i18n.language);
  const clinics = useQuery({ queryKey: clinicsKeys.list(language), queryFn: () => clinicsApi.list(language) });
  return (
    <div className="stack">
      <h1>{t("clinicPages.title")}</h1>
      {clinics.isPending ? <Loading /> : null}
      <ErrorAlert error={clinics.error} onRetry={() => void clinics.refetch()} />
      {clinics.data?.length === 0 ? <EmptyState>{t("clinicPages.none")}</EmptyState> : null}
      <ul className="stack" data-testid="public-clinics">
        {clinics.data?.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link to={`/clinics/${encodeURIComponent(c.id)}`}>
                <UserText>{c.name}</UserText>
              </Link>
            </h2>
            <p className="muted">
              <UserText>{c.address}</UserText>, <UserText>{c.city}</UserText>
            </p>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/sign-in">{t("clinicPages.signIn")}</Link>
      </p>
    </div>
  );
}
