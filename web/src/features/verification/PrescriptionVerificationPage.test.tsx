import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { renderApp } from "../../test/renderApp";
import { mockApi, session } from "../../test/mockApi";

const verification = (overrides: Record<string, unknown> = {}) => ({
  valid: true, status: "active", signatureValid: true, issuedAt: "2026-11-30T09:00:00Z", validUntil: "2027-01-29T09:00:00Z",
  medicineName: "Amoxicillin 500 mg capsules", form: "capsules", strength: "500 mg", quantity: 21, quantityUnit: "capsules", quantityText: "21 capsules", refills: 0,
  patientInitials: "I. I.", patientBirthYear: 1984, prescriberName: "Natalia Lebedeva", clinicName: "Telemed Clinic Moscow",
  dispensing: "none", ...overrides,
});

describe("the public prescription check a QR code opens", () => {
  it("shows a valid prescription with the patient as initials and birth year only, without signing in", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "GET /public/prescriptions/K7Q2M9X4T8V3N6P1R5ZW": () => ({ body: verification() }),
    });
    renderApp("/verify/rx/K7Q2M9X4T8V3N6P1R5ZW");
    const card = await screen.findByTestId("prescription-verification");
    expect(within(card).getByRole("heading", { name: "Valid prescription" })).toBeInTheDocument();
    // The initials (user text) are isolated from "born 1984" around them.
    const patient = within(card).getByText((_, el) => el?.tagName === "DD" && el.textContent === "I. I., born 1984");
    expect(patient.querySelector("bdi")).toHaveTextContent("I. I.");
    expect(within(card).getByText("Amoxicillin 500 mg capsules")).toBeInTheDocument();
    // The worded name carries strength and form; they are not repeated after it.
    expect(card.textContent).not.toMatch(/500 mg.*500 mg/);
    expect(within(card).getByText("Not sent to a pharmacy yet")).toBeInTheDocument();
  });

  it("says not to dispense, and why, when the signature no longer matches", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "GET /public/prescriptions/BROKEN0000": () => ({ body: verification({ valid: false, signatureValid: false }) }),
    });
    renderApp("/verify/rx/BROKEN0000");
    const card = await screen.findByTestId("prescription-verification");
    expect(within(card).getByRole("heading", { name: "Not valid — do not dispense" })).toBeInTheDocument();
    expect(within(card).getAllByText(/changed after signing/).length).toBeGreaterThan(0);
  });

  it("explains an unknown code instead of showing an empty page", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "GET /public/prescriptions/UNKNOWN000": () => ({
        status: 404,
        body: { type: "about:blank", title: "Not found", status: 404, code: "clinical.prescription_not_found", detail: "No prescription has this verification code." },
      }),
    });
    renderApp("/verify/rx/UNKNOWN000");
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(screen.queryByTestId("prescription-verification")).not.toBeInTheDocument();
  });
});
