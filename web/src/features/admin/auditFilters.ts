import type { AuditQuery } from "./adminApi";

export interface AuditFilterValues {
  from: string; // YYYY-MM-DD (local calendar day) or ""
  to: string;
  action: string;
  recordType: string;
  actorRole: string;
  outcome: string;
  breakGlassOnly: boolean;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterValues = {
  from: "",
  to: "",
  action: "",
  recordType: "",
  actorRole: "",
  outcome: "",
  breakGlassOnly: false,
};

function localMidnight(day: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/**
 * Calendar days picked in the admin's time zone → UTC instants for the API. "To" is inclusive:
 * it becomes the start of the next day.
 */
export function auditFiltersToQuery(values: AuditFilterValues, page: number, pageSize: number): AuditQuery {
  const from = localMidnight(values.from);
  const toStart = localMidnight(values.to);
  const to = toStart ? new Date(toStart.getFullYear(), toStart.getMonth(), toStart.getDate() + 1) : undefined;
  return {
    from: from?.toISOString(),
    to: to?.toISOString(),
    action: values.action.trim() || undefined,
    recordType: values.recordType.trim() || undefined,
    actorRole: values.actorRole || undefined,
    outcome: values.outcome.trim() || undefined,
    breakGlass: values.breakGlassOnly ? true : undefined,
    page,
    pageSize,
  };
}
