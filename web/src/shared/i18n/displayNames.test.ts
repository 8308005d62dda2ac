import { describe, expect, it } from "vitest";
import en from "./en";
import ru from "./ru";

// The directory's language codes (Directory/Doctors/Specialties.cs, Languages.Known) and qualification categories.
const LANGUAGE_CODES = ["en", "ru", "de", "fr", "es", "uk", "kk", "tt", "hy", "ka"];
const CATEGORIES = ["none", "second", "first", "highest"];

describe("display names instead of codes (issue 11, item 15)", () => {
  it.each([
    ["en", en],
    ["ru", ru],
  ])("names every doctor language in %s", (_, texts) => {
    const names = texts.languages as Record<string, string>;
    for (const code of LANGUAGE_CODES) {
      expect(names[code], code).toBeTruthy();
      expect(names[code]).not.toBe(code);
    }
  });

  it("says German in English and Немецкий in Russian", () => {
    expect(en.languages.de).toBe("German");
    expect(ru.languages.de).toBe("Немецкий");
  });

  it.each([
    ["en", en],
    ["ru", ru],
  ])("names every qualification category as words in %s", (_, texts) => {
    const names = texts.qualificationCategories as Record<string, string>;
    for (const category of CATEGORIES) expect(names[category]?.length ?? 0).toBeGreaterThan(category.length);
  });
});
