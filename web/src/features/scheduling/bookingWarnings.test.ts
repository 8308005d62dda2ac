import { describe, expect, it } from "vitest";
import { ageOn, anAdultIsBookedWithAPaediatrician } from "./bookingWarnings";

describe("an adult booked with a paediatrician", () => {
  it("counts full years on the visit's day", () => {
    expect(ageOn("2008-12-10", "2026-12-09")).toBe(17);
    expect(ageOn("2008-12-10", "2026-12-10")).toBe(18);
  });

  it("warns for an adult with a doctor whose specialties are all paediatric", () => {
    expect(anAdultIsBookedWithAPaediatrician(["pediatrics"], "1985-04-02", "2026-12-01")).toBe(true);
    expect(anAdultIsBookedWithAPaediatrician(["pediatrics"], "2015-04-02", "2026-12-01")).toBe(false);
    expect(anAdultIsBookedWithAPaediatrician(["pediatrics", "dermatology"], "1985-04-02", "2026-12-01")).toBe(false);
    expect(anAdultIsBookedWithAPaediatrician(["cardiology"], "1985-04-02", "2026-12-01")).toBe(false);
    expect(anAdultIsBookedWithAPaediatrician(["pediatrics"], undefined, "2026-12-01")).toBe(false);
  });
});
