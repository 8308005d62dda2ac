import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { directoryApi } from "../../shared/api/endpoints";
import { TextField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDate } from "../../shared/ui/format";
import { Pager } from "../../shared/ui/Pager";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";

export function FrontDeskSearchPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("titles.frontDesk");
  const [params, setParams] = useSearchParams();
  const search = params.get("search") ?? "";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [draft, setDraft] = useState(search);
  const patients = useQuery({
    queryKey: ["front-desk-patients", search, page],
    queryFn: () => directoryApi.frontDeskPatients(search, page),
    enabled: search.length > 0,
    placeholderData: keepPreviousData,
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.trim()) next.set("search", draft.trim());
    setParams(next);
  };

  return (
    <div className="stack">
      <h1>{t("frontDesk.title")}</h1>
      <p className="muted">{t("frontDesk.intro")}</p>
      <form className="card search-bar" role="search" onSubmit={onSubmit}>
        <TextField label={t("frontDesk.search")} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="button">
          {t("frontDesk.searchButton")}
        </button>
      </form>
      {search && patients.isPending ? <Loading /> : null}
      <ErrorAlert error={patients.error} onRetry={() => void patients.refetch()} />
      {patients.data && patients.data.items.length === 0 ? <EmptyState>{t("frontDesk.noResults")}</EmptyState> : null}
      {patients.data && patients.data.items.length > 0 ? (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="front-desk-results">
              <thead>
                <tr>
                  <th scope="col">{t("frontDesk.patient")}</th>
                  <th scope="col">{t("auth.dateOfBirth")}</th>
                  <th scope="col">{t("scheduling.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {patients.data.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/front-desk/patients/${encodeURIComponent(p.id)}`}>{p.displayName}</Link>
                    </td>
                    <td>{formatDate(p.dateOfBirth, i18n.language)}</td>
                    <td>
                      <Link
                        className="button button--secondary button--small"
                        to={`/front-desk/book?patientId=${encodeURIComponent(p.id)}`}
                        aria-label={t("scheduling.bookForPatient", { patient: p.displayName })}
                      >
                        {t("nav.bookVisit")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={patients.data.page}
            pageSize={patients.data.pageSize}
            total={patients.data.total}
            onPage={(p) => setParams(new URLSearchParams({ search, page: String(p) }))}
          />
        </>
      ) : null}
    </div>
  );
}
