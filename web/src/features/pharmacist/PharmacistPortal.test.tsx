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
    medicineName: "Amoxicillin 500 mg capsules",
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
    quantityText: "2 packs",
    quantityRemainingText: "2 packs",
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
        json(200, rx({ dispensingStatus: "partiallyDispensed", quantityDispensed: 1, quantityRemaining: 1, quantityRemainingText: "1 pack" })),
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
    // A lost answer sent again hands the medicine over once: the hand-over carries an Idempotency-Key.
    expect(sent[0].headers["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
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
    expect(within(counter).getByRole("heading", { level: 2 })).toHaveTextContent(/^Amoxicillin 500 mg capsules$/);
    // The worded name carries strength and form; they are not repeated after it.
    expect(within(counter).getByText("Amoxicillin 500 mg capsules (amoxicillin), внутрь")).toBeInTheDocument();
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

  it("says beside each disabled button why it is disabled, linked by aria-describedby: no code, too much, no reason", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Pharmacist"])),
      "GET /pharmacist/pharmacy": () => json(200, pharmacy),
      "GET /pharmacist/prescriptions": () => json(200, []),
      "POST /pharmacist/prescriptions/lookup": () => json(200, rx()),
    });
    renderApp("/pharmacist");
    const user = userEvent.setup();
    const find = await screen.findByRole("button", { name: "Find" });
    expect(find).toBeDisabled();
    expect(find).toHaveAccessibleDescription("Type or paste the prescription's verification code to find it.");
    await user.type(screen.getByLabelText("Verification code"), "rxCODE42");
    expect(find).toBeEnabled();
    expect(find).not.toHaveAttribute("aria-describedby");
    await user.click(find);

    const counter = await screen.findByTestId("rx-counter");
    const quantity = within(counter).getByLabelText("Quantity to hand over (packs)");
    await user.clear(quantity);
    await user.type(quantity, "5");
    const dispense = within(counter).getByTestId("dispense");
    expect(dispense).toBeDisabled();
    expect(dispense).toHaveAccessibleDescription("Only 2 packs remain on this prescription: enter 2 or fewer.");
    expect(within(counter).getByTestId("dispense-why")).toBeVisible();
    await user.clear(quantity);
    expect(dispense).toHaveAccessibleDescription("Enter how many packs to hand over: 1 to 2.");
    await user.type(quantity, "2");
    expect(within(counter).getByRole("button", { name: "Dispense all" })).toBeEnabled();
    expect(within(counter).queryByTestId("dispense-why")).toBeNull();

    const decline = within(counter).getByRole("button", { name: "Decline" });
    expect(decline).toBeDisabled();
    expect(decline).toHaveAccessibleDescription("Write the reason for declining first.");
    expect(within(counter).getByLabelText("Reason for declining")).toHaveAttribute("dir", "auto");
    await user.type(within(counter).getByLabelText("Reason for declining"), "Out of stock");
    expect(decline).toBeEnabled();
    expect(decline).not.toHaveAttribute("aria-describedby");
  });

  it("lists the server's field messages by their readable names when a decline is refused as invalid, keeping the reason", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Pharmacist"])),
      "GET /pharmacist/pharmacy": () => json(200, pharmacy),
      "GET /pharmacist/prescriptions": () => json(200, []),
      "POST /pharmacist/prescriptions/lookup": () => json(200, rx()),
      "POST /pharmacist/prescriptions/11111111-1111-4111-8111-111111111111/decline": () =>
        problem(400, "validation.failed", { Reason: ["Не длиннее 500 символов."] }),
    });
    renderApp("/pharmacist", "ru");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Код проверки"), "rxCODE42");
    await user.click(screen.getByRole("button", { name: "Найти" }));
    const counter = await screen.findByTestId("rx-counter");
    await user.type(within(counter).getByLabelText("Причина отказа"), "Нет в наличии");
    await user.click(within(counter).getByRole("button", { name: "Отказать" }));
    expect(await within(counter).findByRole("alert")).toHaveTextContent("Причина: Не длиннее 500 символов.");
    expect(within(counter).getByLabelText("Причина отказа")).toHaveValue("Нет в наличии");
  });

  it("keeps the dispense button for a prescription that cannot be dispensed, disabled, and says why (in English and Russian)", async () => {
    const cases: [Partial<CounterPrescription>, "en" | "ru", string][] = [
      [{ prescriptionStatus: "expired" }, "en", "Dispensing is not possible: this prescription expired on Dec 29, 2026."],
      [{ prescriptionStatus: "cancelled" }, "en", "Dispensing is not possible: the prescriber cancelled this prescription."],
      [{ quantityRemaining: 0, quantityDispensed: 2, dispensingStatus: "dispensed" }, "en", "Nothing is left to dispense: everything prescribed has been handed over."],
      [{ signatureValid: false }, "ru", "Отпустить нельзя: подпись не проходит проверку. Свяжитесь с врачом."],
      [{ prescriptionStatus: "expired" }, "ru", "Отпустить нельзя: срок действия рецепта истёк 29 дек. 2026 г."],
    ];
    for (const [over, language, why] of cases) {
      mockApi({
        "GET /auth/session": () => json(200, signedInSession(["Pharmacist"])),
        "GET /pharmacist/pharmacy": () => json(200, pharmacy),
        "GET /pharmacist/prescriptions": () => json(200, [rx({ sentToMyPharmacy: true, dispensingStatus: "sent", ...over })]),
      });
      const app = renderApp("/pharmacist", language);
      await userEvent.click(await screen.findByRole("button", { name: /Amoxicillin 500 mg/ }));
      const counter = await screen.findByTestId("rx-counter");
      const dispense = within(counter).getByTestId("dispense");
      expect(dispense).toBeDisabled();
      expect(dispense).toHaveAccessibleDescription(why);
      expect(within(counter).queryByRole("spinbutton")).toBeNull();
      app.unmount();
    }
  });
});
