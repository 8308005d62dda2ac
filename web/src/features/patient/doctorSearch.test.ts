import { describe, expect, it } from "vitest";
import { doctorFilterSchema, EMPTY_FILTERS, filtersToParams, paramsToFilters, paramsToQuery } from "./doctorSearch";
import { formatMoney, majorToMinor, minorUnitFactor } from "../../shared/ui/format";

describe("doctor search filters", () => {
  it("converts prices typed in major units to minor units", () => {
    expect(majorToMinor("4500")).toBe(450000);
    expect(majorToMinor("4 500,50")).toBe(450050);
    // More decimals than the currency has is refused, never rounded to an amount nobody typed.
    expect(majorToMinor("12.345")).toBeNaN();
    expect(majorToMinor("12.340")).toBe(1234);
    expect(majorToMinor("")).toBeUndefined();
    expect(majorToMinor("-5")).toBeNaN();
    expect(majorToMinor("abc")).toBeNaN();
  });

  it("puts only the filled filters into the URL, prices in minor units", () => {
    const params = filtersToParams({ ...EMPTY_FILTERS, specialty: "cardiology", minPrice: "1000", maxPrice: "5000", name: " Ivanova " });
    expect(params.toString()).toBe("specialty=cardiology&minPrice=100000&maxPrice=500000&name=Ivanova");
    expect(filtersToParams(EMPTY_FILTERS, 3).toString()).toBe("page=3");
  });

  it("round-trips the URL back into the form and the API query", () => {
    const params = new URLSearchParams("language=ru&minPrice=150050&page=2");
    expect(paramsToFilters(params)).toEqual({ ...EMPTY_FILTERS, language: "ru", minPrice: "1500.50" });
    expect(paramsToQuery(params, 10)).toEqual({
      specialty: undefined,
      language: "ru",
      minPrice: 150050,
      maxPrice: undefined,
      name: undefined,
      page: 2,
      pageSize: 10,
    });
    expect(paramsToQuery(new URLSearchParams("page=-1&minPrice=x"), 10)).toMatchObject({ page: 1, minPrice: undefined });
  });

  it("rejects a minimum above the maximum and non-numeric prices", () => {
    const range = doctorFilterSchema.safeParse({ ...EMPTY_FILTERS, minPrice: "5000", maxPrice: "1000" });
    expect(range.success).toBe(false);
    expect(range.error?.issues[0]).toMatchObject({ path: ["maxPrice"], message: "validation.priceRange" });
    const bad = doctorFilterSchema.safeParse({ ...EMPTY_FILTERS, minPrice: "cheap" });
    expect(bad.error?.issues[0]).toMatchObject({ path: ["minPrice"], message: "validation.nonNegative" });
  });

  it("formats money in its currency from minor units", () => {
    expect(minorUnitFactor("RUB")).toBe(100);
    expect(minorUnitFactor("JPY")).toBe(1);
    expect(formatMoney({ amountMinor: 450000, currency: "USD" }, "en-US")).toBe("$4,500.00");
    expect(formatMoney({ amountMinor: 5000, currency: "JPY" }, "en-US")).toBe("¥5,000");
    expect(formatMoney({ amountMinor: 450000, currency: "RUB" }, "ru")).toMatch(/4\s500,00\s₽/);
  });
});
