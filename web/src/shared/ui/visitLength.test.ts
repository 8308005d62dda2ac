import { describe, expect, it } from "vitest";
import { visitMinutes } from "./visitLength";

describe("visit length", () => {
  it("measures the length from the UTC instants", () => {
    expect(visitMinutes("2026-03-29T00:30:00Z", "2026-03-29T01:15:00Z")).toBe(45);
    expect(visitMinutes("2026-03-29T01:15:00Z", "2026-03-29T00:30:00Z")).toBe(0);
  });
});
