import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { json, mockApi, problem, signedInSession } from "../../test/mockApi";
import type { LabReport, LabTrend } from "./labsApi";

const reportId = "66666666-6666-4666-8666-666666666666";
const report: LabReport = {
  id: reportId,
  orderId: "77777777-7777-4777-8777-777777777777",
  patientId: "88888888-8888-4888-8888-888888888888",
  patientName: "Svetlana Pavlova",
  status: "received",
  doctorNote: null,
  criticalCount: 1,
  releasedAutomatically: false,
  issuedAt: "2026-11-30T08:00:00Z",
  receivedAt: "2026-11-30T08:05:00Z",
  releasedAt: null,
  values: [
    { loincCode: "2823-3", name: "Potassium", value: 7.1, unit: "mmol/L", rangeLow: 3.5, rangeHigh: 5.1, flag: "HH", critical: true, effectiveAt: "2026-11-30T06:00:00Z" },
    { loincCode: "2951-2", name: "Sodium", value: 140, unit: "mmol/L", rangeLow: 136, rangeHigh: 145, flag: "N", critical: false, effectiveAt: "2026-11-30T06:00:00Z" },
  ],
};
const trend: LabTrend = {
  loincCode: "2823-3",
  name: "Potassium",
  points: [
    { at: "2026-11-30T06:00:00Z", value: 7.1, unit: "mmol/L", flag: "HH", rangeLow: 3.5, rangeHigh: 5.1 },
    { at: "2026-12-01T06:00:00Z", value: 4.5, unit: "mmol/L", flag: "N", rangeLow: 3.5, rangeHigh: 5.1 },
  ],
};

describe("lab results", () => {
  it("shows the doctor the critical alert and releases with a plain-language note", async () => {
    let released: unknown = null;
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"])),
      "GET /doctor/lab-results": () => json(200, [report]),
      [`POST /lab-results/${reportId}/release`]: (req) => {
        released = req.body;
        return json(200, { ...report, status: "released" });
      },
    });
    renderApp("/doctor/lab-results");
    const user = userEvent.setup();
    expect(await screen.findByRole("alert")).toHaveTextContent("1 critical value — act now.");
    expect(screen.getByText("Critically high")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Note for the patient in plain language"), "Please come in today.");
    await user.click(screen.getByRole("button", { name: "Release to patient" }));
    await waitFor(() => expect(released).toEqual({ note: "Please come in today." }));
  });

  it("shows the doctor a report the lab withdrew as withdrawn, values struck out, with no release, in English and Russian", async () => {
    const withdrawn: LabReport = { ...report, id: "99999999-9999-4999-8999-999999999999", status: "withdrawn" };
    const seen: LabReport = { ...withdrawn, id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", releasedAt: "2026-11-30T09:00:00Z", patientName: "Ivan Kuznetsov" };
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"])),
      "GET /doctor/lab-results": () => json(200, [withdrawn, seen]),
    });
    const { unmount } = renderApp("/doctor/lab-results");
    const alerts = await screen.findAllByRole("alert");
    expect(alerts.map((a) => a.textContent)).toEqual([
      "Withdrawn by the lab: these values were wrong. Do not use them; they cannot be released and the patient does not see them.",
      "Withdrawn by the lab: these values were wrong. Do not use them. The patient had seen them and no longer does: tell the patient.",
    ]);
    expect(screen.queryByText("1 critical value — act now.")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Release to patient" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Note for the patient in plain language")).not.toBeInTheDocument();
    for (const values of screen.getAllByTestId("withdrawn-values")) {
      expect(values).toHaveStyle({ textDecoration: "line-through" });
    }
    unmount();

    renderApp("/doctor/lab-results", "ru");
    expect((await screen.findAllByRole("alert")).map((a) => a.textContent)).toEqual([
      "Отозвано лабораторией: эти значения ошибочны. Не используйте их; их нельзя опубликовать, и пациент их не видит.",
      "Отозвано лабораторией: эти значения ошибочны. Не используйте их. Пациент их видел, теперь они скрыты: сообщите пациенту.",
    ]);
    expect(screen.queryByRole("button", { name: "Опубликовать для пациента" })).not.toBeInTheDocument();
  });

  it("lists the server's field messages by their readable names when a release is refused as invalid (in Russian)", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"])),
      "GET /doctor/lab-results": () => json(200, [report]),
      [`POST /lab-results/${reportId}/release`]: () => problem(400, "validation.failed", { Note: ["Не длиннее 2000 символов."] }),
    });
    renderApp("/doctor/lab-results", "ru");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Комментарий для пациента простыми словами"), "Зайдите сегодня.");
    await user.click(screen.getByRole("button", { name: "Опубликовать для пациента" }));
    const alert = await screen.findByText("Примечание:");
    expect(alert.closest("[role=alert]")).toHaveTextContent("Примечание: Не длиннее 2000 символов.");
    // What the doctor wrote stays.
    expect(screen.getByLabelText("Комментарий для пациента простыми словами")).toHaveValue("Зайдите сегодня.");
  });

  it("shows the patient released values with ranges and flags, and a trend chart of a test", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /me/lab-orders": () => json(200, []),
      "GET /me/lab-results": () => json(200, [{ ...report, status: "released", doctorNote: "Please come in today." }]),
      "GET /me/lab-results/trends": () => json(200, trend),
    });
    renderApp("/patient/lab-results");
    const user = userEvent.setup();
    expect((await screen.findByText("Please come in today.")).tagName).toBe("BDI");
    expect(screen.getByText("3.5–5.1 mmol/L")).toBeInTheDocument();
    expect(screen.getByText("Critically high")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Potassium" }));
    expect(await screen.findByRole("img", { name: "Trend: Potassium" })).toBeInTheDocument();
  });

  it("shows a test the lab gave no result for as No result with its reason, never as a value, in English and Russian", async () => {
    const missing: LabReport = {
      ...report,
      criticalCount: 0,
      values: [
        {
          loincCode: "2823-3", name: "Potassium", value: null, valueText: null, unit: "mmol/L", rangeLow: 3.5, rangeHigh: 5.1, flag: null,
          critical: false, effectiveAt: "2026-11-30T06:00:00Z", absentReason: "not-performed", absentReasonText: "Specimen haemolysed",
        },
        {
          loincCode: "2951-2", name: "Sodium", value: null, unit: "mmol/L", rangeLow: 136, rangeHigh: 145, flag: null, critical: false,
          effectiveAt: "2026-11-30T06:00:00Z", absentReason: "entered-in-error", absentReasonText: null,
        },
        {
          loincCode: "2160-0", name: "Creatinine", value: null, unit: "mg/dL", flag: null, critical: false, effectiveAt: "2026-11-30T06:00:00Z",
          absentReason: "LAB-X1", absentReasonText: null,
        },
        { loincCode: "2345-7", name: "Glucose", value: 88, unit: "mg/dL", rangeLow: 70, rangeHigh: 99, flag: "N", critical: false, effectiveAt: "2026-11-30T06:00:00Z" },
      ],
    };
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"])),
      "GET /doctor/lab-results": () => json(200, [missing]),
    });
    const { unmount } = renderApp(`/doctor/lab-results/${reportId}`);
    const potassium = (await screen.findByRole("rowheader", { name: "Potassium" })).closest("tr")!;
    const valueCell = potassium.querySelectorAll("td")[0];
    expect(valueCell).toHaveTextContent(/^No result: the test was not performed \(the lab says: Specimen haemolysed\)$/);
    expect(valueCell).not.toHaveTextContent("mmol/L");
    expect(screen.getByRole("rowheader", { name: "Sodium" }).closest("tr")).toHaveTextContent("No result: withdrawn by the lab as entered in error");
    expect(screen.getByRole("rowheader", { name: "Creatinine" }).closest("tr")).toHaveTextContent("No result: LAB-X1");
    expect(screen.getByRole("rowheader", { name: "Glucose" }).closest("tr")).toHaveTextContent("88 mg/dL");
    expect(screen.getAllByText("Normal")).toHaveLength(1);
    unmount();

    renderApp(`/doctor/lab-results/${reportId}`, "ru");
    const ru = (await screen.findByRole("rowheader", { name: "Potassium" })).closest("tr")!;
    expect(ru).toHaveTextContent("Нет результата: анализ не выполнен (лаборатория пишет: Specimen haemolysed)");
    expect(screen.getByRole("rowheader", { name: "Sodium" }).closest("tr")).toHaveTextContent("Нет результата: отозван лабораторией как ошибочный");
  });

  it("orders once on a double click of Order, so the patient does not get the same tests twice", async () => {
    const consultationId = "99999999-9999-4999-8999-999999999999";
    let release: () => void = () => {};
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"])),
      "GET /lab-catalogue": () =>
        json(200, { source: "LOINC", items: [{ loincCode: "2276-4", name: "Ferritin", isPanel: false, members: [], unit: "ng/mL", rangeLow: 30, rangeHigh: 400 }] }),
      [`GET /consultations/${consultationId}/lab-orders`]: () => json(200, []),
      [`POST /consultations/${consultationId}/lab-orders`]: () => new Promise((resolve) => (release = () => resolve(json(201, { id: "o1" })))),
    });
    renderApp(`/doctor/consultations/${consultationId}/lab-orders`);
    const none = await screen.findByRole("button", { name: /Order 0 tests/ });
    // With nothing chosen, the button says why it is disabled.
    expect(none).toBeDisabled();
    expect(none).toHaveAccessibleDescription("Choose at least one test.");
    await userEvent.click(await screen.findByLabelText(/Ferritin/));
    const button = screen.getByRole("button", { name: /Order 1 test/ });
    expect(button).not.toHaveAttribute("aria-describedby");
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(api.callsTo("POST", `/consultations/${consultationId}/lab-orders`).length).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 50));
    release();
    expect(await screen.findByText("Ordered. The patient will choose a partner lab.")).toBeInTheDocument();
    expect(api.callsTo("POST", `/consultations/${consultationId}/lab-orders`)).toHaveLength(1);
  });

  it("sends the same tests again after an error with the same Idempotency-Key, and the next order with a new one", async () => {
    const consultationId = "99999999-9999-4999-8999-999999999999";
    let answers = 0;
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"])),
      "GET /lab-catalogue": () =>
        json(200, {
          source: "LOINC",
          items: [
            { loincCode: "2276-4", name: "Ferritin", isPanel: false, members: [], unit: "ng/mL", rangeLow: 30, rangeHigh: 400 },
            { loincCode: "718-7", name: "Hemoglobin", isPanel: false, members: [], unit: "g/dL", rangeLow: 12, rangeHigh: 17 },
          ],
        }),
      [`GET /consultations/${consultationId}/lab-orders`]: () => json(200, []),
      // The first answer never arrives as such: the server may have placed the order, so the retry must say it is the same one.
      [`POST /consultations/${consultationId}/lab-orders`]: () =>
        ++answers === 1 ? json(503, { type: "about:blank", title: "Unavailable", status: 503, code: "database.unavailable" }) : json(201, { id: `o${answers}` }),
    });
    renderApp(`/doctor/consultations/${consultationId}/lab-orders`);
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText(/Ferritin/));
    await user.click(screen.getByLabelText(/Hemoglobin/));
    await user.click(screen.getByRole("button", { name: /Order 2 tests/ }));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    // Unticked and ticked again: the same tests, so still the same request.
    await user.click(screen.getByLabelText(/Ferritin/));
    await user.click(screen.getByLabelText(/Ferritin/));
    await user.click(screen.getByRole("button", { name: /Order 2 tests/ }));
    expect(await screen.findByText("Ordered. The patient will choose a partner lab.")).toBeInTheDocument();
    await user.click(screen.getByLabelText(/Ferritin/));
    await user.click(screen.getByRole("button", { name: /Order 1 test/ }));
    await waitFor(() => expect(api.callsTo("POST", `/consultations/${consultationId}/lab-orders`)).toHaveLength(3));

    const [first, retry, next] = api.callsTo("POST", `/consultations/${consultationId}/lab-orders`);
    expect(first!.headers["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(retry!.headers["Idempotency-Key"]).toBe(first!.headers["Idempotency-Key"]);
    expect(next!.headers["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(next!.headers["Idempotency-Key"]).not.toBe(first!.headers["Idempotency-Key"]);
  });
});
