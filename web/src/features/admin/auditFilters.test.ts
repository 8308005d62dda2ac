import { describe, expect, it } from "vitest";
import { auditFiltersToQuery, EMPTY_AUDIT_FILTERS } from "./auditFilters";

describe("audit filters", () => {
  it("sends nothing for empty filters but the page", () => {
    expect(auditFiltersToQuery(EMPTY_AUDIT_FILTERS, 1, 50)).toEqual({
      from: undefined,
      to: undefined,
      action: undefined,
      recordType: undefined,
      actorRole: undefined,
      outcome: undefined,
      breakGlass: undefined,
      page: 1,
      pageSize: 50,
    });
  });

  it("turns local days into instants, with an inclusive end day", () => {
    const q = auditFiltersToQuery({ ...EMPTY_AUDIT_FILTERS, from: "2026-11-20", to: "2026-11-21" }, 1, 50);
    expect(q.from).toBe(new Date(2026, 10, 20).toISOString());
    expect(q.to).toBe(new Date(2026, 10, 22).toISOString());
  });

  it("passes the chosen actor role", () => {
    expect(auditFiltersToQuery({ ...EMPTY_AUDIT_FILTERS, actorRole: "Admin" }, 1, 50).actorRole).toBe("Admin");
  });

  it("passes text filters trimmed and the break-glass flag only when set", () => {
    const q = auditFiltersToQuery(
      { ...EMPTY_AUDIT_FILTERS, action: " patient.clinical.read ", recordType: "Patient", outcome: "success", breakGlassOnly: true },
      2,
      25,
    );
    expect(q).toMatchObject({ action: "patient.clinical.read", recordType: "Patient", outcome: "success", breakGlass: true, page: 2 });
  });
});
