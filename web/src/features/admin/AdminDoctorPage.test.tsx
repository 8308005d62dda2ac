import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { json, mockApi, problem, signedInSession } from "../../test/mockApi";
import type { AdminDoctorDetail } from "./adminTypes";

const doctor: AdminDoctorDetail = {
  id: "d1",
  userId: "u1",
  displayName: "Sergey Volkov",
  email: "sergey.volkov@demo.telemed.dev",
  status: "active",
  specialties: ["general-practice"],
  clinicIds: [],
  hourlyRate: { amountMinor: 250000, currency: "RUB" },
  licence: { number: "L-1", issuer: "Health Department", expiresOn: "2031-12-31", verifiedAt: "2026-12-01T10:00:00Z", verifiedBy: "Admin" },
  missing: [],
};

describe("the admin's doctor page", () => {
  it("says a negative hourly rate must be zero or more, not 'Enter a number', and sends nothing", async () => {
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Admin"])),
      "GET /admin/doctors/d1": () => json(200, doctor),
      "GET /clinics": () => json(200, []),
      "GET /specialties": () => json(200, []),
      "GET /admin/notification-channels": () => json(200, { email: "smtp", sms: "twilio", developmentOutbox: false }),
    });
    renderApp("/admin/doctors/d1");
    const rate = await screen.findByLabelText(/Hourly rate/);
    await userEvent.clear(rate);
    await userEvent.type(rate, "-5");
    await userEvent.click(screen.getAllByRole("button", { name: "Save" })[0]!);
    expect(await screen.findByText("Enter zero or more.")).toBeInTheDocument();
    expect(screen.queryByText("Enter a number.")).not.toBeInTheDocument();
    expect(api.calls.filter((c) => c.method !== "GET")).toHaveLength(0);
  });

  const routes = (detail: AdminDoctorDetail, bookedVisitsAfter: number, extra: Parameters<typeof mockApi>[0] = {}) => ({
    "GET /auth/session": () => json(200, signedInSession(["Admin"])),
    "GET /admin/doctors/d1": () => json(200, detail),
    "GET /clinics": () => json(200, []),
    "GET /specialties": () => json(200, []),
    "GET /admin/notification-channels": () => json(200, { email: "smtp", sms: "twilio", developmentOutbox: false }),
    "GET /scheduling/doctors/d1/visits-after-licence": () =>
      json(200, { doctorId: "d1", licenceExpiresOn: detail.licence.expiresOn, bookedVisitsAfter, firstVisitAfter: null }),
    ...extra,
  });
  const refusal = {
    "PUT /admin/doctors/d1/licence": () =>
      problem(422, "directory.licence_expired"),
  };

  it("in Russian, says under the licence fields what is missing, in the app's words, and sends nothing", async () => {
    const api = mockApi(routes(doctor, 0));
    const { i18n } = renderApp("/admin/doctors/d1", "ru");
    const number = await screen.findByLabelText(i18n.t("administration.doctors.licenceNumber"));
    await userEvent.clear(number);
    await userEvent.clear(screen.getByLabelText(i18n.t("administration.doctors.licenceIssuer")));
    await userEvent.click(screen.getAllByRole("button", { name: i18n.t("app.save") })[1]!);

    expect(number).toHaveFocus();
    expect(number).toHaveAttribute("aria-invalid", "true");
    expect(number).toHaveAccessibleDescription("Обязательное поле.");
    expect(screen.getByLabelText(i18n.t("administration.doctors.licenceIssuer"))).toHaveAccessibleDescription("Обязательное поле.");
    expect(api.calls.filter((c) => c.method !== "GET")).toHaveLength(0);
  });

  it.each([
    ["en", /Enter the renewed licence, or suspend the doctor first/],
    ["ru", /Внесите продлённую лицензию или сначала приостановите врача/],
  ] as const)("explains in %s why an expired licence of an active doctor is refused, without the raw code", async (language, text) => {
    mockApi(routes(doctor, 0, refusal));
    renderApp("/admin/doctors/d1", language);
    const expires = await screen.findByLabelText(language === "en" ? /Valid until/ : /Действует до/);
    await userEvent.clear(expires);
    await userEvent.type(expires, "2020-01-31");
    await userEvent.click(screen.getAllByRole("button", { name: language === "en" ? "Save" : "Сохранить" })[1]!);
    const alert = await screen.findByText(text);
    expect(alert).toBeInTheDocument();
    expect(document.body.textContent).not.toContain("directory.licence_expired");
  });

  it.each([
    ["en", "The licence expires on", "3 booked visits fall after that date"],
    ["ru", "Лицензия действует до", "после этой даты назначено 3 визита"],
  ] as const)("warns in %s how many booked visits fall after the licence's last day", async (language, start, count) => {
    mockApi(routes({ ...doctor, licence: { ...doctor.licence, expiresOn: "2026-12-20" } }, 3));
    renderApp("/admin/doctors/d1", language);
    const warning = await screen.findByTestId("licence-warning");
    expect(warning.textContent).toContain(start);
    expect(warning.textContent).toContain(count);
    expect(warning.textContent).not.toMatch(/visitsAfterLicence|administration\./);
  });

  it("says an active doctor's licence has ended, and shows no visit count when none is booked after it", async () => {
    mockApi(routes({ ...doctor, licence: { ...doctor.licence, expiresOn: "2026-11-30" }, missing: ["licenceExpired"] }, 0));
    renderApp("/admin/doctors/d1");
    const warning = await screen.findByTestId("licence-warning");
    expect(warning.textContent).toContain("patients cannot book this doctor after that day");
    expect(warning.textContent).not.toContain("booked visit");
  });
});
