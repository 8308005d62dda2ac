import { describe, expect, it } from "vitest";
import en from "./en";
import ru from "./ru";
import { createI18n, initialLanguage, LANGUAGE_STORAGE_KEY } from "./i18n";

function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value === "string") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
}
const leafKeys = (value: unknown) => leafPaths(value).map((p) => p.join("/"));
const get = (obj: unknown, path: string[]) =>
  path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

describe("i18n resources", () => {
  it("Russian has every English key, all non-empty", () => {
    const ruKeys = new Set(leafKeys(ru));
    expect(leafKeys(en).filter((k) => !ruKeys.has(k))).toEqual([]);
    expect(leafPaths(ru).filter((p) => !(get(ru, p) as string).trim())).toEqual([]);
  });

  it("keeps interpolation placeholders in translations", () => {
    const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort().join(",");
    for (const path of leafPaths(en)) {
      expect(placeholders(String(get(ru, path))), path.join("/")).toBe(placeholders(String(get(en, path))));
    }
  });

  it("uses Russian plural forms", () => {
    const i18n = createI18n("ru");
    expect(i18n.t("patient.years", { count: 1 })).toBe("1 год");
    expect(i18n.t("patient.years", { count: 3 })).toBe("3 года");
    expect(i18n.t("patient.years", { count: 11 })).toBe("11 лет");
  });

  it("restores the stored language choice", () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, "ru");
    expect(initialLanguage()).toBe("ru");
    localStorage.setItem(LANGUAGE_STORAGE_KEY, "de");
    expect(["en", "ru"]).toContain(initialLanguage());
  });
});
