import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { adminApi, adminKeys } from "./adminApi";
import { CheckboxField, TextField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { Pager } from "../../shared/ui/Pager";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { auditFiltersToQuery, EMPTY_AUDIT_FILTERS, type AuditFilterValues } from "./auditFilters";

const PAGE_SIZE = 50;

export function AdminAuditPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("titles.adminAudit");
  const [draft, setDraft] = useState<AuditFilterValues>(EMPTY_AUDIT_FILTERS);
  const [applied, setApplied] = useState<AuditFilterValues>(EMPTY_AUDIT_FILTERS);
  const [page, setPage] = useState(1);
  const query = auditFiltersToQuery(applied, page, PAGE_SIZE);
  const entries = useQuery({
    queryKey: adminKeys.audit(query),
    queryFn: () => adminApi.audit(query),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: adminApi.verifyAudit });

  const set = <K extends keyof AuditFilterValues>(key: K, value: AuditFilterValues[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
    setPage(1);
  };

  return (
    <div className="stack">
      <h1>{t("admin.auditTitle")}</h1>
      <section className="card">
        <form className="filters" role="search" aria-label={t("admin.auditTitle")} onSubmit={onSubmit}>
          <TextField label={t("admin.from")} type="date" value={draft.from} onChange={(e) => set("from", e.target.value)} />
          <TextField label={t("admin.to")} type="date" value={draft.to} onChange={(e) => set("to", e.target.value)} />
          <TextField label={t("admin.action")} value={draft.action} onChange={(e) => set("action", e.target.value)} />
          <TextField label={t("admin.recordType")} value={draft.recordType} onChange={(e) => set("recordType", e.target.value)} />
          <TextField label={t("admin.outcome")} value={draft.outcome} onChange={(e) => set("outcome", e.target.value)} />
          <CheckboxField label={t("admin.breakGlassOnly")} checked={draft.breakGlassOnly} onChange={(e) => set("breakGlassOnly", e.target.checked)} />
          <div className="filters__actions">
            <button type="submit" className="button">
              {t("admin.filter")}
            </button>
          </div>
        </form>
      </section>

      <section className="card verify-chain">
        <button type="button" className="button button--secondary" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? t("admin.verifying") : t("admin.verifyChain")}
        </button>
        <div role="status" aria-live="polite" data-testid="audit-verify-result" className="verify-chain__result">
          {verify.data ? (
            verify.data.intact ? (
              <span className="ok">
                ✓ {t("admin.chainIntact", { count: verify.data.checkedEntries })}
                {verify.data.unsealedEntries ? ` ${t("admin.unsealed", { count: verify.data.unsealedEntries })}` : null}
              </span>
            ) : (
              <span className="bad">
                ✗{" "}
                {t("admin.chainBroken", {
                  sequence: verify.data.firstBrokenSequence ?? "?",
                  problem: verify.data.problem ?? "",
                })}
              </span>
            )
          ) : null}
        </div>
        <ErrorAlert error={verify.error} />
      </section>

      {entries.isPending ? <Loading /> : null}
      <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />
      {entries.data?.items.length === 0 ? <EmptyState>{t("admin.noEntries")}</EmptyState> : null}
      {entries.data && entries.data.items.length > 0 ? (
        <>
          <div className="table-wrap">
            <table className="table table--compact" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t("admin.sequence")}</th>
                  <th scope="col">{t("admin.time")}</th>
                  <th scope="col">{t("admin.actor")}</th>
                  <th scope="col">{t("admin.action")}</th>
                  <th scope="col">{t("admin.record")}</th>
                  <th scope="col">{t("admin.outcome")}</th>
                  <th scope="col">{t("admin.ip")}</th>
                  <th scope="col">{t("admin.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.items.map((e) => (
                  <tr key={e.id} className={e.breakGlass ? "row--break-glass" : undefined} data-break-glass={e.breakGlass ? "true" : undefined}>
                    <td>{e.sequence ?? <span title={t("admin.notSealedHint")}>{t("admin.notSealed")}</span>}</td>
                    <td className="nowrap">{formatDateTime(e.occurredAt, i18n.language)}</td>
                    <td>{e.actorDisplay ?? e.actorId ?? "—"}</td>
                    <td>
                      <code>{e.action}</code>
                      {e.breakGlass ? <span className="badge badge--danger">⚠ {t("admin.breakGlass")}</span> : null}
                    </td>
                    <td className="break">{[e.recordType, e.recordId].filter(Boolean).join(" ") || "—"}</td>
                    <td>{e.outcome}</td>
                    <td>{e.ipAddress ?? "—"}</td>
                    <td>{e.reason ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={entries.data.page} pageSize={entries.data.pageSize} total={entries.data.total} onPage={setPage} />
        </>
      ) : null}
    </div>
  );
}
