import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { adminApi, adminKeys } from "./adminApi";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { UserText } from "../../shared/ui/UserText";

/** The clinics of the network, each linking to its editor; a link to add one. */
export function AdminClinicsPage() {
  const { t } = useTranslation();
  useDocumentTitle("administration.clinics.title");
  const clinics = useQuery({ queryKey: adminKeys.adminClinics, queryFn: adminApi.adminClinics });
  return (
    <div className="stack">
      <h1>{t("administration.clinics.title")}</h1>
      <p>
        <Link className="button" to="/admin/clinics/new">
          {t("administration.clinics.add")}
        </Link>
      </p>
      {clinics.isPending ? <Loading /> : null}
      <ErrorAlert error={clinics.error} onRetry={() => void clinics.refetch()} />
      {clinics.data?.length === 0 ? <EmptyState>{t("administration.clinics.none")}</EmptyState> : null}
      {clinics.data && clinics.data.length > 0 ? (
        <div className="table-wrap" role="region" aria-label={t("administration.clinics.title")} tabIndex={0}>
          <table className="table table--stack" data-testid="clinics-table">
            <thead>
              <tr>
                <th scope="col">{t("administration.clinics.name")}</th>
                <th scope="col">{t("administration.clinics.city")}</th>
                <th scope="col">{t("administration.clinics.timeZone")}</th>
                <th scope="col">{t("administration.clinics.phone")}</th>
              </tr>
            </thead>
            <tbody>
              {clinics.data.map((c) => (
                <tr key={c.id}>
                  <td data-label={t("administration.clinics.name")}>
                    <Link to={`/admin/clinics/${encodeURIComponent(c.id)}`}>
                      <UserText>{c.name}</UserText>
                    </Link>
                  </td>
                  <td data-label={t("administration.clinics.city")} dir="auto">{c.city}</td>
                  <td data-label={t("administration.clinics.timeZone")}>{c.timeZone}</td>
                  <td data-label={t("administration.clinics.phone")}>{c.phone}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
