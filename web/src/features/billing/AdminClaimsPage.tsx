import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { isApiError } from "../../shared/api/errors";
import { schedulingApi } from "../../shared/api/scheduling";
import { SelectField, TextField } from "../../shared/ui/fields";
import { EmptyState, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { formatDate, formatDateTime, formatMoney } from "../../shared/ui/format";
import { Pager } from "../../shared/ui/Pager";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { billingApi, billingKeys, claimFhirUrl, claimsExportUrl, type ClaimStatus, type ClaimView } from "./billingApi";
import { BillingProblem } from "./BillingProblem";
import { claimActionKey, ClaimStatusDialog } from "./ClaimStatusDialog";
import { CLAIM_STATUSES, claimExportPeriod, nextClaimStatuses } from "./claimRules";
import "./claims.css";
import { UserSentence, isolate } from "../../shared/ui/UserText";

/** A failure after which the list no longer shows the claim as it is: reload it. */
const STALE_CODES = new Set(["billing.claim_invalid_transition", "billing.claim_changed", "billing.claim_not_found"]);

/** yyyy-MM-dd of a UTC instant. */
function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Admin: the insurance claims (newest first) filtered by clinic, status and a period of service dates (whole UTC days, both ends
 * included; none by default), 50 a page; each row offers the status changes the
 * lifecycle allows from where it stands (confirmed in a dialog with an optional note), its FHIR R4 Claim as JSON, and the page a CSV
 * export of a period of service dates (default: the last 30 days, UTC) for the chosen clinic and status.
 */
export function AdminClaimsPage({ now = () => new Date() }: { now?: () => Date }) {
  const { t, i18n } = useTranslation();
  useDocumentTitle("billing.claims.title");
  const queryClient = useQueryClient();
  const [clinicId, setClinicId] = useState("");
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(1);
  const [listDays, setListDays] = useState({ from: "", to: "" });
  const [changing, setChanging] = useState<{ claim: ClaimView; to: ClaimStatus } | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const [period, setPeriod] = useState(() => {
    const today = now();
    const start = new Date(today);
    start.setUTCDate(start.getUTCDate() - 29);
    return { from: utcDay(start), to: utcDay(today) };
  });
  const clinics = useQuery({ queryKey: ["clinics"], queryFn: schedulingApi.clinics, staleTime: 10 * 60_000 });
  // The list's period applies once both days are picked and make a period the server accepts; until then the list is not narrowed.
  const listPeriod = listDays.from && listDays.to ? claimExportPeriod(listDays.from, listDays.to) : undefined;
  const listPeriodInvalid = Boolean(listDays.from && listDays.to) && !listPeriod;
  const filter = { clinicId: clinicId || undefined, status: status || undefined, from: listPeriod?.from, to: listPeriod?.to, page };
  const claims = useQuery({ queryKey: billingKeys.claims(filter), queryFn: () => billingApi.claims(filter) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["billing", "claims"] });
  const exportPeriod = claimExportPeriod(period.from, period.to);
  const clinicName = (id: string) => clinics.data?.find((c) => c.id === id)?.name ?? id.slice(0, 8);
  const money = (c: ClaimView) => formatMoney({ amountMinor: Number(c.amountMinor), currency: c.currency }, i18n.language);
  const statusName = (s: string) => t(`billing.claims.statusName.${s}`, { defaultValue: s });
  const rowName = (c: ClaimView) => ({ insurer: isolate(c.insurer), date: formatDate(c.serviceDate, i18n.language), amount: money(c) });

  return (
    <div className="stack">
      <h1>{t("billing.claims.title")}</h1>
      <p className="muted">{t("billing.claims.listHint")}</p>
      <section className="card filters" aria-label={t("billing.claims.filters")}>
        <SelectField
          label={t("billing.claims.clinic")}
          value={clinicId}
          onChange={(e) => {
            setClinicId(e.target.value);
            setPage(1);
          }}
          options={[{ value: "", label: t("billing.claims.allClinics") }, ...(clinics.data ?? []).map((c) => ({ value: c.id, label: isolate(c.name) }))]}
        />
        <SelectField
          label={t("billing.claims.status")}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
            setPage(1);
          }}
          options={[{ value: "", label: t("billing.claims.allStatuses") }, ...CLAIM_STATUSES.map((s) => ({ value: s, label: statusName(s) }))]}
        />
        <TextField
          type="date"
          label={t("billing.claims.listFrom")}
          value={listDays.from}
          onChange={(e) => {
            setListDays({ ...listDays, from: e.target.value });
            setPage(1);
          }}
        />
        <TextField
          type="date"
          label={t("billing.claims.listTo")}
          value={listDays.to}
          onChange={(e) => {
            setListDays({ ...listDays, to: e.target.value });
            setPage(1);
          }}
        />
        {listPeriodInvalid ? (
          <p className="field-error" role="alert">
            {t("billing.claims.listPeriodInvalid")}
          </p>
        ) : null}
      </section>
      {changed ? <SuccessMessage>{changed}</SuccessMessage> : null}
      {claims.isPending ? <Loading /> : null}
      <BillingProblem error={claims.error} onRetry={() => void claims.refetch()} retryLabel={t("app.retry")} />
      {claims.data?.items.length === 0 ? <EmptyState>{t("billing.claims.empty")}</EmptyState> : null}
      {claims.data && claims.data.items.length > 0 ? (
        <div className="table-wrap claims-table-wrap" role="region" aria-labelledby="claims-caption" tabIndex={0}>
          <table className="table claims-table" data-testid="admin-claims">
            <caption id="claims-caption" className="visually-hidden">
              {t("billing.claims.title")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("billing.claims.serviceDate")}</th>
                <th scope="col">{t("billing.claims.insurer")}</th>
                <th scope="col">{t("billing.claims.policyNumber")}</th>
                <th scope="col" className="claims-table__amount">
                  {t("billing.claims.amount")}
                </th>
                <th scope="col">{t("billing.claims.status")}</th>
                <th scope="col">{t("billing.claims.clinic")}</th>
                <th scope="col">{t("billing.claims.updated")}</th>
                <th scope="col">{t("billing.claims.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {claims.data.items.map((c) => (
                <tr key={c.id} data-claim-id={c.id}>
                  <th scope="row">{formatDate(c.serviceDate, i18n.language)}</th>
                  <td>{c.insurer}</td>
                  <td>
                    <span className="claims-table__policy">{c.policyNumber}</span>
                  </td>
                  <td className="claims-table__amount">{money(c)}</td>
                  <td>
                    <span className={`badge badge--claim badge--claim-${c.status}`} data-testid="claim-status" data-status={c.status}>
                      {statusName(c.status)}
                    </span>
                    {c.note ? <p className="claims-table__note muted"><UserSentence i18nKey="billing.claims.note" user={{ note: c.note }} /></p> : null}
                  </td>
                  <td>{clinicName(c.clinicId)}</td>
                  <td className="claims-table__nowrap">{formatDateTime(c.updatedAt, i18n.language)}</td>
                  <td>
                    <div className="claims-table__actions">
                      {nextClaimStatuses(c.status).map((to) => (
                        <button
                          key={to}
                          type="button"
                          className={`button button--small ${to === "rejected" ? "button--danger" : "button--secondary"}`}
                          data-transition={to}
                          aria-label={t("billing.claims.actionFor", { action: t(claimActionKey(c.status, to)), ...rowName(c) })}
                          onClick={() => {
                            setChanged(null);
                            setChanging({ claim: c, to });
                          }}
                        >
                          {t(claimActionKey(c.status, to))}
                        </button>
                      ))}
                      <a
                        href={claimFhirUrl(c.id)}
                        download={`claim-${c.id}.fhir.json`}
                        type="application/fhir+json"
                        className="button button--secondary button--small"
                        aria-label={t("billing.claims.fhirFor", rowName(c))}
                        data-testid="claim-fhir"
                      >
                        {t("billing.claims.fhir")}
                      </a>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {claims.data ? <Pager page={Number(claims.data.page)} pageSize={Number(claims.data.pageSize)} total={Number(claims.data.total)} onPage={setPage} /> : null}

      <section className="card stack" aria-labelledby="claims-export-title" data-testid="claims-export">
        <h2 id="claims-export-title">{t("billing.claims.export.title")}</h2>
        <p className="muted">{t("billing.claims.export.hint")}</p>
        <div className="filters">
          <TextField type="date" label={t("billing.claims.export.from")} value={period.from} onChange={(e) => setPeriod({ ...period, from: e.target.value })} />
          <TextField type="date" label={t("billing.claims.export.to")} value={period.to} onChange={(e) => setPeriod({ ...period, to: e.target.value })} />
        </div>
        {exportPeriod ? (
          <p>
            <a className="button button--secondary" href={claimsExportUrl({ ...exportPeriod, clinicId: clinicId || undefined, status: status || undefined })} download data-testid="claims-csv">
              {t("billing.claims.export.download")}
            </a>
          </p>
        ) : (
          <p className="field-error" role="alert">
            {t("billing.claims.export.invalid")}
          </p>
        )}
      </section>

      {changing ? (
        <ClaimStatusDialog
          claim={changing.claim}
          to={changing.to}
          onCancel={() => setChanging(null)}
          onFailed={(error) => {
            if (isApiError(error) && STALE_CODES.has(error.code)) void refresh();
          }}
          onDone={(after) => {
            setChanging(null);
            setChanged(t("billing.claims.changed", { insurer: isolate(after.insurer), status: statusName(after.status) }));
            void refresh();
          }}
        />
      ) : null}
    </div>
  );
}
