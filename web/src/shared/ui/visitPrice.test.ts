import { describe, expect, it } from "vitest";
import { visitMinutes, visitPrice } from "./visitPrice";

describe("visit price", () => {
  it("is the hourly rate times the visit's length", () => {
    expect(visitPrice({ amountMinor: 280000, currency: "RUB" }, 30)).toEqual({ amountMinor: 140000, currency: "RUB" });
    expect(visitPrice({ amountMinor: 100, currency: "EUR" }, 20)).toEqual({ amountMinor: 33, currency: "EUR" });
  });

  it("measures the length from the UTC instants", () => {
    expect(visitMinutes("2026-03-29T00:30:00Z", "2026-03-29T01:15:00Z")).toBe(45);
    expect(visitMinutes("2026-03-29T01:15:00Z", "2026-03-29T00:30:00Z")).toBe(0);
  });
});
