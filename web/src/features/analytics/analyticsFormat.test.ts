import { describe, expect, it } from "vitest";
import { createI18n } from "../../shared/i18n/i18n";
import { defaultPeriod, formatPercent, formatPeriod, formatScore, formatWait } from "./analyticsFormat";

const en = createI18n("en");
const ru = createI18n("ru");
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("analytics formatting", () => {
  it("defaults to the last 30 days, today included", () => {
    expect(defaultPeriod("2026-11-30")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(defaultPeriod("2026-03-01")).toEqual({ from: "2026-01-31", to: "2026-03-01" });
  });

  it("writes a wait in minutes and seconds, in the language", () => {
    expect(formatWait(312, en.t, "en")).toBe("5 min 12 s");
    expect(formatWait(45, en.t, "en")).toBe("45 s");
    expect(formatWait(3725, en.t, "en")).toBe("1 h 2 min");
    expect(formatWait(312, ru.t, "ru")).toBe("5 мин 12 с");
    expect(formatWait(null, en.t, "en")).toBe("—");
  });

  it("writes percents and scores in the locale, — when undefined", () => {
    expect(formatPercent(81.8, "en")).toBe("81.8%");
    expect(plain(formatPercent(81.8, "ru"))).toBe("81,8 %");
    expect(formatPercent(100, "en")).toBe("100%");
    expect(formatPercent(null, "en")).toBe("—");
    expect(formatScore(-20, "en")).toBe("-20");
    expect(formatScore(null, "ru")).toBe("—");
  });

  it("labels a period by its interval", () => {
    expect(formatPeriod("2026-11-02", "day", en.t, "en", "long")).toBe("Nov 2, 2026");
    expect(formatPeriod("2026-11-02", "week", en.t, "en", "long")).toBe("Week of Nov 2, 2026");
    expect(formatPeriod("2026-11-01", "month", en.t, "en", "long")).toBe("November 2026");
    expect(formatPeriod("2026-11-01", "month", en.t, "en", "short")).toBe("Nov 2026");
    expect(formatPeriod("2026-11-02", "day", en.t, "en", "short")).toBe("Nov 2");
    expect(formatPeriod("2026-11-02", "week", ru.t, "ru", "long")).toMatch(/^Неделя с 2 нояб\. 2026/);
  });
});
