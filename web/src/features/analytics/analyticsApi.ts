import { api, buildUrl } from "../../shared/api/client";
import type { AnalyticsExportTable, ClinicAnalytics } from "./analyticsTypes";

/** The period and scope of the analytics: inclusive YYYY-MM-DD dates; no clinicId means all clinics. */
export interface AnalyticsFilter {
  from: string;
  to: string;
  clinicId?: string;
}

/** The analytics calls (admin only). */
export const analyticsApi = {
  clinicAnalytics: (filter: AnalyticsFilter) =>
    api.get<ClinicAnalytics>("/admin/analytics", { from: filter.from, to: filter.to, clinicId: filter.clinicId }),
};

/** Where a table's CSV downloads from; a plain link works because the session cookie authenticates it. */
export function exportUrl(table: AnalyticsExportTable, filter: AnalyticsFilter): string {
  return buildUrl("/admin/analytics/export", { table, from: filter.from, to: filter.to, clinicId: filter.clinicId });
}

/** Query keys of the analytics feature. */
export const analyticsKeys = {
  all: ["analytics"] as const,
  clinic: (filter: AnalyticsFilter) => ["analytics", "clinic", filter.from, filter.to, filter.clinicId ?? ""] as const,
};
