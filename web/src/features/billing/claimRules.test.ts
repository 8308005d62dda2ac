import { describe, expect, it } from "vitest";
import { claimExportPeriod, nextClaimStatuses } from "./claimRules";

describe("the claim rules", () => {
  it("offer only the transitions ClaimTransitions allows", () => {
    expect(nextClaimStatuses("draft")).toEqual(["submitted"]);
    expect(nextClaimStatuses("submitted")).toEqual(["accepted", "rejected"]);
    expect(nextClaimStatuses("accepted")).toEqual(["paid"]);
    expect(nextClaimStatuses("rejected")).toEqual(["submitted"]);
    expect(nextClaimStatuses("paid")).toEqual([]);
    expect(nextClaimStatuses("somethingNew")).toEqual([]);
  });

  it("turn two picked days into the export's UTC period, the last day included", () => {
    expect(claimExportPeriod("2026-11-01", "2026-11-30")).toEqual({ from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" });
    expect(claimExportPeriod("2026-11-30", "2026-11-30")).toEqual({ from: "2026-11-30T00:00:00Z", to: "2026-12-01T00:00:00Z" });
    expect(claimExportPeriod("2026-12-01", "2026-11-30")).toBeUndefined();
    expect(claimExportPeriod("", "2026-11-30")).toBeUndefined();
    expect(claimExportPeriod("2025-01-01", "2026-01-01")).toEqual({ from: "2025-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" });
    expect(claimExportPeriod("2024-01-01", "2025-01-01")).toBeUndefined();
  });
});
