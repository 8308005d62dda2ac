import { Fragment, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { adminApi, adminKeys } from "./adminApi";
import { Link } from "react-router";
import { CheckboxField, SelectField, TextField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { Pager } from "../../shared/ui/Pager";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { auditFiltersToQuery, EMPTY_AUDIT_FILTERS, type AuditFilterValues } from "./auditFilters";
import { auditActionLabel, auditRecordLink, auditRecordTypeLabel, labelledOptions, roleLabel } from "./auditLabels";
import type { AuditEntryView } from "./adminTypes";
import { Form } from "../../shared/ui/Form";
import { UserText } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

const OUTCOMES = ["success", "failure", "denied"] as const;

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
  const choices = useQuery({ queryKey: adminKeys.auditChoices, queryFn: adminApi.auditChoices });
  // A chosen value stays offered even before the choices load (or if the trail no longer holds it).
  const withChosen = (values: string[] | undefined, chosen: string) => (chosen && !(values ?? []).includes(chosen) ? [...(values ?? []), chosen] : (values ?? []));

  const set = <K extends keyof AuditFilterValues>(key: K, value: AuditFilterValues[K]) => setDraft((d) => ({ ...d, [key]: value }));
  // Each cell carries its column's name: on a phone the table stacks into one labelled card per entry (.table--stack).
  const [sequence, time, actor, action, record, outcome, ip, reason] = [
    t("admin.sequence"),
    t("admin.time"),
    t("admin.actor"),
    t("admin.action"),
    t("admin.record"),
    t("admin.outcome"),
    t("admin.ip"),
    t("admin.reason"),
  ];
  const columns = [sequence, time, actor, action, record, outcome, ip, reason];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
    setPage(1);
  };

  return (
    <div className="stack">
      <h1>{t("admin.auditTitle")}</h1>
      <section className="card">
        <Form className="filters" role="search" aria-label={t("admin.auditTitle")} onSubmit={onSubmit}>
          <TextField label={t("admin.from")} type="date" value={draft.from} onChange={(e) => set("from", e.target.value)} />
          <TextField label={t("admin.to")} type="date" value={draft.to} onChange={(e) => set("to", e.target.value)} />
          <SelectField
            label={t("admin.action")}
            value={draft.action}
            onChange={(e) => set("action", e.target.value)}
            options={[
              { value: "", label: t("administration.audit.anyAction") },
              ...labelledOptions(withChosen(choices.data?.actions, draft.action), (a) => auditActionLabel(t, a)),
            ]}
          />
          <SelectField
            label={t("admin.recordType")}
            value={draft.recordType}
            onChange={(e) => set("recordType", e.target.value)}
            options={[
              { value: "", label: t("administration.audit.anyRecordType") },
              ...labelledOptions(withChosen(choices.data?.recordTypes, draft.recordType), (r) => auditRecordTypeLabel(t, r)),
            ]}
          />
          <SelectField
            label={t("administration.audit.actorRole")}
            value={draft.actorRole}
            onChange={(e) => set("actorRole", e.target.value)}
            options={[{ value: "", label: t("admin.anyRole") }, ...(choices.data?.roles ?? []).map((r) => ({ value: r, label: roleLabel(t, r) }))]}
          />
          <SelectField
            label={t("admin.outcome")}
            value={draft.outcome}
            onChange={(e) => set("outcome", e.target.value)}
            options={[{ value: "", label: t("admin.anyOutcome") }, ...OUTCOMES.map((o) => ({ value: o, label: t(`administration.audit.outcomes.${o}`) }))]}
          />
          <CheckboxField label={t("admin.breakGlassOnly")} checked={draft.breakGlassOnly} onChange={(e) => set("breakGlassOnly", e.target.checked)} />
          <div className="filters__actions">
            <button type="submit" className="button">
              {t("admin.filter")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card verify-chain">
        <BusyButton type="button" className="button button--secondary" onClick={() => verify.mutate()} busy={verify.isPending} busyLabel={t("admin.verifying")}>
          {t("admin.verifyChain")}
        </BusyButton>
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
          <div className="table-wrap" role="region" aria-label={t("admin.auditTitle")} tabIndex={0}>
            <table className="table table--compact table--stack audit-table" data-testid="audit-table">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {entries.data.items.map((e) => (
                  <tr key={e.id} className={e.breakGlass ? "row--break-glass" : undefined} data-break-glass={e.breakGlass ? "true" : undefined}>
                    <td data-label={sequence}>{e.sequence ?? <span title={t("admin.notSealedHint")}>{t("admin.notSealed")}</span>}</td>
                    <td data-label={time} className="nowrap">
                      {formatDateTime(e.occurredAt, i18n.language)}
                    </td>
                    <td data-label={actor}>
                      <span>
                        <Actor entry={e} />
                      </span>
                    </td>
                    <td data-label={action}>
                      <span>
                        {auditActionLabel(t, e.action)}
                        {e.breakGlass ? <span className="badge badge--danger">⚠ {t("admin.breakGlass")}</span> : null}
                      </span>
                    </td>
                    <td data-label={record} className="break audit-table__record">
                      <span>
                        <AuditRecord entry={e} />
                      </span>
                    </td>
                    <td data-label={outcome}>{t(`administration.audit.outcomes.${e.outcome}`, { defaultValue: e.outcome })}</td>
                    <td data-label={ip}>{e.ipAddress ?? "—"}</td>
                    <td data-label={reason} dir="auto">
                      <AuditReason entry={e} />
                    </td>
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

/**
 * Who acted: a staff member's name and roles; a patient by role only (admins do not see patients' names); "System" for jobs; "Not
 * signed in" for a request without a session (it has an address, a job has none), such as a refused call to an admin endpoint.
 */
function Actor({ entry }: { entry: AuditEntryView }) {
  const { t } = useTranslation();
  if (!entry.actorId) return <>{t(entry.ipAddress ? "administration.audit.anonymous" : "administration.audit.system")}</>;
  const roles = entry.actorRoles.map((r) => roleLabel(t, r)).join(", ");
  if (entry.actorName) {
    return (
      <>
        <UserText>{entry.actorName}</UserText>
        {roles ? <span className="muted"> · {roles}</span> : null}
      </>
    );
  }
  return <>{roles || t("administration.audit.unknownActor")}</>;
}

/**
 * Why: a reason the system wrote (it has a reasonCode) in the admin's language, with the roles it names translated and the
 * endpoint as its route; a reason a person typed, or one this app has no words for yet, as written.
 */
function AuditReason({ entry }: { entry: AuditEntryView }) {
  const { t, i18n } = useTranslation();
  if (!entry.reason) return null;
  const key = `administration.audit.reasons.${entry.reasonCode}`;
  if (!entry.reasonCode || !i18n.exists(key)) return <span>{breakAfterSlashes(entry.reason)}</span>;
  const args = entry.reasonArguments ?? {};
  const finding = args.code ? t(`prescriptions.findings.${args.code}`, { defaultValue: args.code }) : undefined;
  const roles = args.roles
    ?.split(" or ")
    .map((role) => roleLabel(t, role))
    .join(t("administration.audit.roleSeparator"));
  return (
    <span>
      {t(key, { hours: args.hours, days: args.days, finding })}
      {roles ? <> — {t("administration.audit.rolesRequired", { roles })}</> : null}
      {args.endpoint ? <> ({breakAfterSlashes(args.endpoint)})</> : null}
      {args.text ? (
        <>
          : <UserText>{args.text}</UserText>
        </>
      ) : null}
    </span>
  );
}

/** What was touched: a readable record type, linked where an admin page shows that record. */
function AuditRecord({ entry }: { entry: AuditEntryView }) {
  const { t } = useTranslation();
  if (!entry.recordType) return <>—</>;
  const label = auditRecordTypeLabel(t, entry.recordType);
  // A refusal by an endpoint's policy names the endpoint by its route template, or the record asked for by its id (no page shows
  // such a record by type): show which, so the admin can search the trail for it.
  if ((entry.recordType === "Endpoint" || entry.recordType === "RequestedRecord") && entry.recordId) {
    return (
      <>
        {label}: <code className="audit-record-id">{breakAfterSlashes(entry.recordId)}</code>
      </>
    );
  }
  const link = auditRecordLink(entry.recordType, entry.recordId);
  return link ? <Link to={link}>{label}</Link> : <>{label}</>;
}

/**
 * A route template ("POST /api/v1/admin/payments/{id:guid}/refund"), alone or in a refusal's reason, with a line break allowed after
 * each slash, so that in a narrow column it wraps between its segments rather than inside a word (browsers do not break after "/").
 */
function breakAfterSlashes(text: string) {
  const parts = text.split("/");
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 ? (
        <>
          /<wbr />
        </>
      ) : null}
    </Fragment>
  ));
}
