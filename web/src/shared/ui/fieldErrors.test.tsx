import { screen } from "@testing-library/react";
import openapiText from "../../../openapi/v1.json?raw";
import { renderWithProviders } from "../../test/renderWithProviders";
import { problemToApiError } from "../api/errors";
import { createI18n, type SupportedLanguage } from "../i18n/i18n";
import { ErrorAlert } from "./feedback";
import { fieldLabel } from "./fieldErrors";

function translator(language: SupportedLanguage) {
  const i18n = createI18n(language);
  return { t: (key: string, options?: Record<string, unknown>) => i18n.t(key, options ?? {}), exists: (key: string) => i18n.exists(key) };
}

/** A 400 as the API sends it (keys as the server spells them: PascalCase, paths, indexes). */
const invalid = (errors: Record<string, string[]>) =>
  problemToApiError(400, { status: 400, title: "Validation failed", code: "validation.failed", errors });

describe("fieldLabel", () => {
  const en = translator("en");
  const ru = translator("ru");

  it("names a member in the reader's language, whatever case the server wrote it in", () => {
    expect(fieldLabel("givenName", en)).toBe("Given name");
    expect(fieldLabel("GivenName", en)).toBe("Given name");
    expect(fieldLabel("$.givenName", en)).toBe("Given name");
    expect(fieldLabel("givenName", ru)).toBe("Имя");
    expect(fieldLabel("dateOfBirth", ru)).toBe("Дата рождения");
  });

  it("names nested and indexed members by their place", () => {
    expect(fieldLabel("insurance.provider", en)).toBe("Insurance › Insurer");
    expect(fieldLabel("diagnoses[1].code", en)).toBe("Diagnoses #2 › Code");
    expect(fieldLabel("diagnoses[1].code", ru)).toBe("Диагнозы (№ 2) › Код");
    expect(fieldLabel("reminderOffsetsHours[0]", en)).toBe("Reminders (hours before) #1");
    // A list the app has no name for lends its number to the member.
    expect(fieldLabel("items[0].quantity", en)).toBe("Quantity #1");
    expect(fieldLabel("Items[2].Quantity", ru)).toBe("Количество (№ 3)");
  });

  it("gives no label (the message stands alone) for a member it cannot name, never the API's key", () => {
    expect(fieldLabel("somethingNew", en)).toBeNull();
    expect(fieldLabel("items[0].somethingNew", en)).toBeNull();
    expect(fieldLabel("", en)).toBeNull();
    expect(fieldLabel("$", en)).toBeNull();
    expect(fieldLabel("weird key!", en)).toBeNull();
  });

  it("has an English and a Russian name for every member of every request body in the API", () => {
    const spec = JSON.parse(openapiText) as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const refs = (value: unknown): string[] =>
      Array.isArray(value)
        ? value.flatMap(refs)
        : value && typeof value === "object"
          ? Object.entries(value).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [v] : refs(v)))
          : [];
    const seen = new Set<string>();
    const visit = (ref: string) => {
      const name = ref.split("/").pop()!;
      if (seen.has(name)) return;
      seen.add(name);
      refs(spec.components.schemas[name]?.properties ?? {}).forEach(visit);
    };
    Object.values(spec.paths).forEach((ops) => Object.values(ops).forEach((op) => refs(op?.requestBody ?? {}).forEach(visit)));
    const members = new Set([...seen].flatMap((name) => Object.keys(spec.components.schemas[name]?.properties ?? {})));
    expect(members.size).toBeGreaterThan(100);
    const en = createI18n("en");
    const ru = createI18n("ru");
    expect([...members].filter((m) => !en.exists(`fieldLabels.${m}`, { fallbackLng: [] }))).toEqual([]);
    expect([...members].filter((m) => !ru.exists(`fieldLabels.${m}`, { lng: "ru", fallbackLng: [] }))).toEqual([]);
  });
});

describe("field messages in alerts", () => {
  it("the app-wide alert lists the field messages a form does not show under its inputs", () => {
    renderWithProviders(<ErrorAlert error={invalid({ email: ["Taken."], "insurance.policyNumber": ["Up to 40 characters."] })} shownFields={["email"]} />);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Insurance › Policy number: Up to 40 characters.");
    expect(alert).not.toHaveTextContent("Taken.");
  });

  it("does not list the data some refusals carry under errors as if it were messages", () => {
    const incomplete = problemToApiError(422, { status: 422, code: "directory.profile_incomplete", errors: { missing: ["specialty", "licenceVerified"] } });
    renderWithProviders(<ErrorAlert error={incomplete} />);
    expect(screen.getByRole("alert")).not.toHaveTextContent("licenceVerified");
  });
});
