import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { TextField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDate } from "../../shared/ui/format";
import { Pager } from "../../shared/ui/Pager";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { frontDeskApi, frontDeskKeys } from "./frontDeskApi";
import { Form } from "../../shared/ui/Form";
import { UserText, isolate } from "../../shared/ui/UserText";

/**
 * Patient search. The term (a name, e-mail or phone) is PHI: it stays in component state and goes
 * to the server in a POST body, never into the address bar, history or the request URL.
 */
export function FrontDeskSearchPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("titles.frontDesk");
  const [search, setSearch] = useState({ term: "", page: 1 });
  const [draft, setDraft] = useState("");
  const patients = useQuery({
    queryKey: frontDeskKeys.patientSearch(search.term, search.page),
    queryFn: () => frontDeskApi.searchPatients(search.term, search.page),
    enabled: search.term.length > 0,
    placeholderData: keepPreviousData,
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSearch({ term: draft.trim(), page: 1 });
  };

  return (
    <div className="stack">
      <h1>{t("frontDesk.title")}</h1>
      <p className="muted">{t("frontDesk.intro")}</p>
      <Form className="card search-bar" role="search" onSubmit={onSubmit}>
        <TextField dir="auto" label={t("frontDesk.search")} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="button">
          {t("frontDesk.searchButton")}
        </button>
      </Form>
      {search.term && patients.isPending ? <Loading /> : null}
      <ErrorAlert error={patients.error} onRetry={() => void patients.refetch()} />
      {patients.data && patients.data.items.length === 0 ? <EmptyState>{t("frontDesk.noResults")}</EmptyState> : null}
      {patients.data && patients.data.items.length > 0 ? (
        <>
          <div className="table-wrap" role="region" aria-label={t("frontDesk.title")} tabIndex={0}>
            {/* On a phone each patient is a labelled card, so "Book a visit" is on screen, not scrolled off past the frame's edge. */}
            <table className="table table--stack" data-testid="front-desk-results">
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
                    <td data-label={t("frontDesk.patient")}>
                      <Link to={`/front-desk/patients/${encodeURIComponent(p.id)}`}>
                        <UserText>{p.displayName}</UserText>
                      </Link>
                    </td>
                    <td data-label={t("auth.dateOfBirth")}>{formatDate(p.dateOfBirth, i18n.language)}</td>
                    <td data-label={t("scheduling.actions")}>
                      <Link
                        className="button button--secondary button--small"
                        to={`/front-desk/book?patientId=${encodeURIComponent(p.id)}`}
                        aria-label={t("scheduling.bookForPatient", { patient: isolate(p.displayName) })}
                      >
                        {t("frontDesk.bookVisit")}
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
            onPage={(page) => setSearch({ ...search, page })}
          />
        </>
      ) : null}
    </div>
  );
}
