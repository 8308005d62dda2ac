import { describe, expect, it, vi } from "vitest";
import { configure, fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "../../test/renderWithProviders";
import { mockApi, problem } from "../../test/mockApi";
import { PrescriptionsPanel } from "./PrescriptionsPanel";
import type { FormularyMatch, PrescriptionView } from "./prescriptionsApi";

configure({ asyncUtilTimeout: 4000 });
vi.setConfig({ testTimeout: 20_000 });

const allergy = { code: "allergy_conflict", severity: "warning" as const, message: "The patient's recorded allergy \"Penicillin\" is to penicillins.", source: "BNF: penicillins" };

const draft: PrescriptionView = {
  id: "rx1",
  status: "draft",
  version: 1,
  medication: { code: "amoxicillin-500-caps", name: "Amoxicillin 500 mg capsules", strength: "500 mg", doseUnit: "mg", dispenseUnit: "capsules" },
  medicineName: "Amoxicillin 500 mg capsules",
  dosageText: "500 mg 3 times a day for 7 days, oral.",
  findings: [allergy],
  overrides: [],
  openFindings: [allergy],
};

const amoxicillin: FormularyMatch = {
  code: "amoxicillin-500-caps", name: "Amoxicillin 500 mg capsules", activeIngredient: "amoxicillin", activeIngredientRu: "амоксициллин",
  form: "capsule", strength: "500 mg", doseUnit: "mg", dispenseUnit: "capsules", route: "oral", minDailyDose: 750, maxDailyDose: 3000,
  minimumAgeYears: null, source: "BNF", nameText: "Amoxicillin 500 mg capsules", routeText: "oral", doseUnitText: "mg", dispenseUnitText: "capsules",
};

/** The same match as the server words it for a Russian reader (Accept-Language: ru). */
const amoxicillinRu: FormularyMatch = { ...amoxicillin, routeText: "внутрь", doseUnitText: "мг", dispenseUnitText: "капс." };

describe("PrescriptionsPanel", () => {
  it("shows a warning with its source, overrides it with a reason, then offers signing", async () => {
    let current: PrescriptionView = draft;
    const calls = mockApi({
      "GET /consultations/c1/prescriptions": () => ({ body: [current] }),
      "POST /consultations/c1/prescriptions/rx1/overrides": (req) => {
        current = { ...draft, version: 2, overrides: [{ code: "allergy_conflict", reason: (req.body as { reason: string }).reason }], openFindings: [] };
        return { body: current };
      },
      "POST /consultations/c1/prescriptions/rx1/sign": () => {
        current = { ...current, status: "active", verificationCode: "ABCDEFGHIJKLMNOPQRST" };
        return { body: current };
      },
    });
    renderWithProviders(<PrescriptionsPanel consultationId="c1" />);

    expect(await screen.findByText(/Allergy conflict/)).toBeInTheDocument();
    expect(screen.getByText("Source: BNF: penicillins")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Sign prescription" })).not.toBeInTheDocument();

    await userEvent.type(screen.getByLabelText("Reason to go ahead"), "Tolerated amoxicillin before");
    await userEvent.click(screen.getByRole("button", { name: "Override warning" }));
    await waitFor(() => expect(calls.calls.some((c) => c.path.endsWith("/overrides"))).toBe(true));
    const sent = calls.calls.find((c) => c.path.endsWith("/overrides"))!.body as { code: string; reason: string; version: number };
    expect(sent).toEqual({ code: "allergy_conflict", reason: "Tolerated amoxicillin before", version: 1 });

    await userEvent.click(await screen.findByRole("button", { name: "Sign prescription" }));
    expect(await screen.findByText("Verification code: ABCDEFGHIJKLMNOPQRST")).toBeInTheDocument();
  });

  it("words a reason the system recorded (a refill's override) in the reader's language, not the stored English sentence", async () => {
    const duplicate = { code: "duplicate_therapy", severity: "warning" as const, message: "The patient already has an active prescription of amoxicillin.", source: "WHO" };
    const refill: PrescriptionView = {
      ...draft,
      findings: [duplicate],
      openFindings: [],
      overrides: [{ code: "duplicate_therapy", reason: "Refill of the patient's active prescription, approved by the prescriber.", reasonCode: "refill" }],
    };
    mockApi({ "GET /consultations/c1/prescriptions": () => ({ body: [refill] }) });
    renderWithProviders(<PrescriptionsPanel consultationId="c1" />, { language: "ru" });
    expect(await screen.findByText("Отклонено: Повторная выписка действующего рецепта пациента, одобренная врачом.")).toBeInTheDocument();
    expect(screen.queryByText(/Refill of the patient/)).not.toBeInTheDocument();
  });

  it("says in Russian, under each field, what is wrong with a new prescription, focuses the first and sends nothing", async () => {
    const calls = mockApi({
      "GET /consultations/c1/prescriptions": () => ({ body: [] }),
      "GET /clinical/formulary": () => ({ body: [amoxicillinRu] }),
      "POST /consultations/c1/prescriptions": () => ({ status: 201, body: draft }),
    });
    const { i18n } = renderWithProviders(<PrescriptionsPanel consultationId="c1" />, { language: "ru" });
    const t = i18n.t.bind(i18n);

    const form = await screen.findByTestId("new-prescription");
    expect(form).toHaveAttribute("novalidate");
    await userEvent.type(screen.getByLabelText(t("prescriptions.search")), "amox");
    await userEvent.click(await screen.findByRole("button", { name: t("prescriptions.choose", { name: amoxicillin.name }) }));
    const times = screen.getByLabelText(t("prescriptions.timesPerDay"));
    await userEvent.clear(times);
    await userEvent.type(times, "30");
    const refills = screen.getByLabelText(t("prescriptions.refills"));
    await userEvent.clear(refills);
    await userEvent.type(refills, "1.5");
    await userEvent.click(screen.getByRole("button", { name: t("prescriptions.check") }));

    // Units and the route in the reader's words, as the server's dosage sentence has them ("мг", "капс.", "внутрь"), not the formulary's codes.
    const dose = screen.getByLabelText("Доза на приём (мг)");
    expect(screen.getByLabelText(t("prescriptions.route"))).toHaveValue("внутрь");
    expect(dose).toHaveFocus();
    expect(dose).toHaveAttribute("aria-invalid", "true");
    expect(dose).toHaveAccessibleDescription("Обязательное поле.");
    expect(times).toHaveAccessibleDescription("Значение должно быть не больше 24.");
    expect(refills).toHaveAccessibleDescription("Введите целое число.");
    expect(screen.getByLabelText("Количество (капс.)")).toHaveAccessibleDescription("Обязательное поле.");
    expect(calls.calls.filter((c) => c.method === "POST")).toHaveLength(0);

    await userEvent.clear(times);
    await userEvent.type(times, "0");
    expect(times).toHaveAccessibleDescription("Значение должно быть не меньше 1.");
  });

  it("lists the server's field messages by their readable names when a new prescription is refused as invalid, keeping the form", async () => {
    mockApi({
      "GET /consultations/c1/prescriptions": () => ({ body: [] }),
      "GET /clinical/formulary": () => ({ body: [amoxicillinRu] }),
      "POST /consultations/c1/prescriptions": () => problem(400, "validation.failed", { DurationDays: ["Курс не длиннее 90 дней для этого препарата."] }),
    });
    const { i18n } = renderWithProviders(<PrescriptionsPanel consultationId="c1" />, { language: "ru" });
    const t = i18n.t.bind(i18n);
    await userEvent.type(await screen.findByLabelText(t("prescriptions.search")), "amox");
    await userEvent.click(await screen.findByRole("button", { name: t("prescriptions.choose", { name: amoxicillin.name }) }));
    await userEvent.type(screen.getByLabelText("Доза на приём (мг)"), "500");
    await userEvent.type(screen.getByLabelText("Количество (капс.)"), "21");
    await userEvent.click(screen.getByRole("button", { name: t("prescriptions.check") }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(`${t("fieldLabels.durationDays")}: Курс не длиннее 90 дней для этого препарата.`);
    expect(screen.getByLabelText("Доза на приём (мг)")).toHaveValue(500);
  });

  it("lists the field messages when withdrawing is refused as invalid", async () => {
    mockApi({
      "GET /consultations/c1/prescriptions": () => ({ body: [{ ...draft, findings: [], openFindings: [] }] }),
      "POST /consultations/c1/prescriptions/rx1/cancel": () => problem(400, "validation.failed", { Reason: ["Must be at most 500 characters."] }),
    });
    renderWithProviders(<PrescriptionsPanel consultationId="c1" />);
    await userEvent.click(await screen.findByRole("button", { name: "Withdraw prescription" }));
    await userEvent.type(screen.getByLabelText("Reason for withdrawing"), "Made by mistake");
    await userEvent.click(screen.getByRole("button", { name: "Withdraw" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Reason: Must be at most 500 characters.");
  });

  it("builds a new prescription from a formulary search", async () => {
    const calls = mockApi({
      "GET /consultations/c1/prescriptions": () => ({ body: [] }),
      "GET /clinical/formulary": () => ({ body: [amoxicillin] }),
      "POST /consultations/c1/prescriptions": () => ({ status: 201, body: draft }),
    });
    renderWithProviders(<PrescriptionsPanel consultationId="c1" />);

    await userEvent.type(await screen.findByLabelText("Medicine (name or active ingredient)"), "amox");
    await userEvent.click(await screen.findByRole("button", { name: "Choose Amoxicillin 500 mg capsules" }));
    await userEvent.type(screen.getByLabelText("Dose per intake (mg)"), "500");
    await userEvent.clear(screen.getByLabelText("Times a day"));
    await userEvent.type(screen.getByLabelText("Times a day"), "3");
    await userEvent.type(screen.getByLabelText("Quantity (capsules)"), "21");
    await userEvent.click(screen.getByRole("button", { name: "Check and save draft" }));

    await waitFor(() => expect(calls.calls.some((c) => c.method === "POST" && c.path === "/consultations/c1/prescriptions")).toBe(true));
    const body = calls.calls.find((c) => c.method === "POST")!.body as Record<string, unknown>;
    expect(body).toMatchObject({ medicineCode: "amoxicillin-500-caps", dose: 500, route: "oral", timesPerDay: 3, durationDays: 7, quantity: 21, refills: 0 });
  });

  it("sends the same prescription again after an error with the same Idempotency-Key, and a changed one with a new key", async () => {
    let answers = 0;
    const calls = mockApi({
      "GET /consultations/c1/prescriptions": () => ({ body: [] }),
      "GET /clinical/formulary": () => ({ body: [amoxicillin] }),
      // The first answer is an error: the server may still have written the draft, so the retry must say it is the same request.
      "POST /consultations/c1/prescriptions": () => (++answers === 1 ? problem(503, "database.unavailable") : { status: 201, body: draft }),
    });
    renderWithProviders(<PrescriptionsPanel consultationId="c1" />);
    await userEvent.type(await screen.findByLabelText("Medicine (name or active ingredient)"), "amox");
    await userEvent.click(await screen.findByRole("button", { name: "Choose Amoxicillin 500 mg capsules" }));
    await userEvent.type(screen.getByLabelText("Dose per intake (mg)"), "500");
    await userEvent.type(screen.getByLabelText("Quantity (capsules)"), "21");
    await userEvent.click(screen.getByRole("button", { name: "Check and save draft" }));
    await waitFor(() => expect(calls.calls.filter((c) => c.method === "POST")).toHaveLength(1));
    await screen.findByRole("alert");
    await userEvent.click(screen.getByRole("button", { name: "Check and save draft" }));
    await waitFor(() => expect(calls.calls.filter((c) => c.method === "POST")).toHaveLength(2));
    const [first, retry] = calls.calls.filter((c) => c.method === "POST");
    expect(first!.headers["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(retry!.headers["Idempotency-Key"]).toBe(first!.headers["Idempotency-Key"]);
    expect(retry!.body).toEqual(first!.body);

    // The next prescription, another medicine or dose, is a new request.
    await userEvent.type(await screen.findByLabelText("Medicine (name or active ingredient)"), "amox");
    await userEvent.click(await screen.findByRole("button", { name: "Choose Amoxicillin 500 mg capsules" }));
    await userEvent.type(screen.getByLabelText("Dose per intake (mg)"), "250");
    await userEvent.type(screen.getByLabelText("Quantity (capsules)"), "21");
    await userEvent.click(screen.getByRole("button", { name: "Check and save draft" }));
    await waitFor(() => expect(calls.calls.filter((c) => c.method === "POST")).toHaveLength(3));
    expect(calls.calls.filter((c) => c.method === "POST")[2]!.headers["Idempotency-Key"]).not.toBe(first!.headers["Idempotency-Key"]);
  });

  it("saves one draft when Check and save draft is clicked twice", async () => {
    let release: () => void = () => {};
    const calls = mockApi({
      "GET /consultations/c1/prescriptions": () => ({ body: [] }),
      "GET /clinical/formulary": () => ({ body: [amoxicillin] }),
      "POST /consultations/c1/prescriptions": () => new Promise((resolve) => (release = () => resolve({ status: 201, body: draft }))),
    });
    renderWithProviders(<PrescriptionsPanel consultationId="c1" />);
    await userEvent.type(await screen.findByLabelText("Medicine (name or active ingredient)"), "amox");
    await userEvent.click(await screen.findByRole("button", { name: "Choose Amoxicillin 500 mg capsules" }));
    await userEvent.type(screen.getByLabelText("Dose per intake (mg)"), "500");
    await userEvent.type(screen.getByLabelText("Quantity (capsules)"), "21");
    // A double click in a real browser: both clicks land before React renders the pending state.
    const check = screen.getByRole("button", { name: "Check and save draft" });
    fireEvent.click(check);
    fireEvent.click(check);
    release();
    await waitFor(() => expect(calls.calls.filter((c) => c.method === "POST")).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.calls.filter((c) => c.method === "POST")).toHaveLength(1);
  });

  it("says why signing was refused in words, not 'could not be saved'", async () => {
    mockApi({
      "GET /consultations/c1/prescriptions": () => ({ body: [{ ...draft, findings: [], openFindings: [] }] }),
      "POST /consultations/c1/prescriptions/rx1/sign": () => problem(409, "clinical.prescription_changed"),
    });
    renderWithProviders(<PrescriptionsPanel consultationId="c1" />);
    await userEvent.click(await screen.findByRole("button", { name: "Sign prescription" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The prescription was changed elsewhere. Reload the page to see it.");
  });

  it("withdraws a draft (a hard stop, or one made by mistake) with a reason", async () => {
    const hardStop = { code: "new_treatment_needs_in_person_visit", severity: "hard_stop" as const, message: "No new treatment remotely.", source: "323-FZ" };
    let current: PrescriptionView = { ...draft, findings: [hardStop], openFindings: [hardStop] };
    const calls = mockApi({
      "GET /consultations/c1/prescriptions": () => ({ body: [current] }),
      "POST /consultations/c1/prescriptions/rx1/cancel": () => {
        current = { ...current, status: "cancelled" };
        return { body: current };
      },
    });
    renderWithProviders(<PrescriptionsPanel consultationId="c1" />);
    await userEvent.click(await screen.findByRole("button", { name: "Withdraw prescription" }));
    const reason = screen.getByLabelText("Reason for withdrawing");
    expect(reason).toHaveFocus();
    await userEvent.type(reason, "Needs an in-person visit first");
    await userEvent.click(screen.getByRole("button", { name: "Withdraw" }));
    await waitFor(() => expect(calls.calls.some((c) => c.path.endsWith("/rx1/cancel"))).toBe(true));
    expect(calls.calls.find((c) => c.path.endsWith("/rx1/cancel"))!.body).toEqual({ reason: "Needs an in-person visit first" });
    expect(await screen.findByText(/Cancelled/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Withdraw prescription" })).not.toBeInTheDocument();
  });
});
