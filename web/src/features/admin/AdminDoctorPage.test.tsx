import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { json, mockApi, signedInSession } from "../../test/mockApi";
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

  it("in Russian, says under the licence fields what is missing, in the app's words, and sends nothing", async () => {
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Admin"])),
      "GET /admin/doctors/d1": () => json(200, doctor),
      "GET /clinics": () => json(200, []),
      "GET /specialties": () => json(200, []),
      "GET /admin/notification-channels": () => json(200, { email: "smtp", sms: "twilio", developmentOutbox: false }),
    });
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
});
