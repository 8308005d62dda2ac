import type { ClaimStatus } from "./billingApi";

/** Every claim status, in lifecycle order (the status filter's choices). */
export const CLAIM_STATUSES: readonly ClaimStatus[] = ["draft", "submitted", "accepted", "rejected", "paid"];

/**
 * The statuses a claim may move to from `status`, as the server's ClaimTransitions allows: draft → submitted; submitted → accepted or
 * rejected; accepted → paid; rejected → submitted (resubmitted after a correction); paid and anything unknown → none.
 */
export function nextClaimStatuses(status: string): ClaimStatus[] {
  switch (status) {
    case "draft":
      return ["submitted"];
    case "submitted":
      return ["accepted", "rejected"];
    case "accepted":
      return ["paid"];
    case "rejected":
      return ["submitted"];
    default:
      return [];
  }
}

/** The longest note the server keeps (ClaimStatusChange.Note). */
export const CLAIM_NOTE_MAX = 500;

/** The longest claims export the server accepts (BillingPeriod), in days. */
export const CLAIM_EXPORT_MAX_DAYS = 366;

/**
 * The period two picked days mean, for the export and the list's filter alike: whole UTC days with `toDay` included (the API's `to` is exclusive, so the next midnight is
 * sent), or undefined when a day is missing, the end is before the start or the period is longer than the server accepts.
 */
export function claimExportPeriod(fromDay: string, toDay: string): { from: string; to: string } | undefined {
  const start = Date.parse(`${fromDay}T00:00:00Z`);
  const last = Date.parse(`${toDay}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fromDay) || !/^\d{4}-\d{2}-\d{2}$/.test(toDay) || Number.isNaN(start) || Number.isNaN(last)) return undefined;
  const end = last + 86_400_000;
  if (end <= start || end - start > CLAIM_EXPORT_MAX_DAYS * 86_400_000) return undefined;
  const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
  return { from: iso(start), to: iso(end) };
}
