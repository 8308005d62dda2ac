import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { json, mockApi, problem, signedInSession } from "../../test/mockApi";
import type { CounterPrescription, MyPharmacy } from "./pharmacyApi";

const pharmacy: MyPharmacy = { id: "p1", name: "Apteka Tverskaya 8", address: "Tverskaya st. 8", city: "Moscow", phone: "", openingHours: "Daily" };

function rx(overrides: Partial<CounterPrescription> = {}): CounterPrescription {
  return {
    prescriptionId: "11111111-1111-4111-8111-111111111111",
    verificationCode: "rxCODE42",
    clinicName: "Telemed Clinic Moscow",
    patientInitials: "M. V.",
    patientBirthYear: 1954,
    prescriberName: "Natalia Lebedeva",
    medicineName: "Amoxicillin",
    activeIngredient: "amoxicillin",
    form: "capsule",
    strength: "500 mg",
    route: "oral",
    dosageInstructions: "1 capsule 3 times a day",
    quantity: 2,
    quantityUnit: "packs",
    refills: 0,
    issuedAt: "2026-11-29T10:00:00Z",
    validUntil: "2026-12-29T10:00:00Z",
    prescriptionStatus: "active",
    signatureValid: true,
    signerCertificateSerial: "01",
    dispensingStatus: null,
    quantityDispensed: 0,
    quantityRemaining: 2,
    sentToMyPharmacy: false,
    declineReason: null,
    updatedAt: null,
    ...overrides,
  };
}

describe("the pharmacist portal", () => {
  it("finds a prescription by the pasted QR link, shows the verified signature and dispenses part of it", async () => {
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Pharmacist"])),
      "GET /pharmacist/pharmacy": () => json(200, pharmacy),
      "GET /pharmacist/prescriptions": () => json(200, []),
      "POST /pharmacist/prescriptions/lookup": () => json(200, rx()),
      "POST /pharmacist/prescriptions/11111111-1111-4111-8111-111111111111/dispense": () =>
        json(200, rx({ dispensingStatus: "partiallyDispensed", quantityDispensed: 1, quantityRemaining: 1 })),
    });
    renderApp("/pharmacist");
    expect(await screen.findByText("No prescriptions have been sent to this pharmacy yet.")).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Verification code"), "https://telemed.example/verify/rx/rxCODE42");
    await user.click(screen.getByRole("button", { name: "Find" }));
    const counter = await screen.findByTestId("rx-counter");
    expect(within(counter).getByTestId("rx-signature")).toHaveTextContent("Signature verified");
    // The initials (user text) are isolated from the year after them.
    const patient = within(counter).getByText((_, el) => el?.tagName === "DD" && el.textContent === "M. V., 1954");
    expect(patient.querySelector("bdi")).toHaveTextContent("M. V.");
    const quantity = within(counter).getByLabelText("Quantity to hand over (packs)");
    await user.clear(quantity);
    await user.type(quantity, "1");
    await user.click(within(counter).getByRole("button", { name: "Dispense part" }));
    expect(await within(counter).findByText("Recorded. The patient and the prescriber are told.")).toBeInTheDocument();
    expect(within(counter).getByTestId("rx-dispensing-status")).toHaveTextContent("Partly dispensed");
    const sent = api.callsTo("POST", "/pharmacist/prescriptions/11111111-1111-4111-8111-111111111111/dispense");
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toEqual({ quantity: 1, verificationCode: "rxCODE42" });
  });

  it("refuses to offer dispensing when the signature does not verify, and says in Russian why the server refused", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Pharmacist"])),
      "GET /pharmacist/pharmacy": () => json(200, pharmacy),
      "GET /pharmacist/prescriptions": () => json(200, [rx({ signatureValid: false, sentToMyPharmacy: true, dispensingStatus: "sent" })]),
      "POST /pharmacist/prescriptions/lookup": () => problem(404, "pharmacy.not_found"),
    });
    renderApp("/pharmacist", "ru");
    await userEvent.click(await screen.findByRole("button", { name: /Amoxicillin 500 mg/ }));
    const counter = await screen.findByTestId("rx-counter");
    expect(within(counter).getByRole("alert")).toHaveTextContent("Подпись не проходит проверку");
    expect(within(counter).queryByRole("button", { name: "Отпустить всё" })).not.toBeInTheDocument();
    expect(within(counter).getByRole("button", { name: "Отказать" })).toBeDisabled();
    await userEvent.type(screen.getByLabelText("Код проверки"), "nope");
    await userEvent.click(screen.getByRole("button", { name: "Найти" }));
    expect(await screen.findByText("Для этой аптеки такого рецепта нет. Проверьте код.")).toBeInTheDocument();
  });

  it("tells a pharmacist without a pharmacy to ask the administrator", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Pharmacist"])),
      "GET /pharmacist/pharmacy": () => problem(404, "pharmacy.no_membership"),
    });
    renderApp("/pharmacist");
    expect(await screen.findByText(/does not belong to a pharmacy yet/)).toBeInTheDocument();
  });

  it("drops the 'no such prescription' alert of a mistyped code once a prescription is opened from the list", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Pharmacist"])),
      "GET /pharmacist/pharmacy": () => json(200, pharmacy),
      "GET /pharmacist/prescriptions": () => json(200, [rx({ sentToMyPharmacy: true, dispensingStatus: "sent" })]),
      "POST /pharmacist/prescriptions/lookup": () => problem(404, "pharmacy.not_found"),
    });
    renderApp("/pharmacist");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Verification code"), "TYPO");
    await user.click(screen.getByRole("button", { name: "Find" }));
    expect(await screen.findByText("No such prescription for this pharmacy. Check the code.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /Amoxicillin 500 mg/ }));
    expect(await screen.findByTestId("rx-counter")).toBeInTheDocument();
    expect(screen.queryByText("No such prescription for this pharmacy. Check the code.")).not.toBeInTheDocument();
  });
});
