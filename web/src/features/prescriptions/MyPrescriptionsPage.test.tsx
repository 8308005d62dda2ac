import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";

const rx = (id: string, status: string, medicineName: string) => ({
  id, status, medicineName, strength: "500 mg", form: "capsules", dosageText: "500 mg 3 times a day for 7 days, oral.", quantity: 21,
  quantityUnit: "capsules", quantityText: "21 capsules", numberOfRepeatsAllowed: 0, prescriberName: "Natalia Lebedeva", issuedAt: "2026-11-30T09:00:00Z",
  validUntil: "2027-01-29T09:00:00Z", verificationCode: "K7Q2M9X4T8V3N6P1R5ZW", dispensing: "none", pharmacyName: null,
  patientId: "11111111-1111-4111-8111-111111111111", patientName: null as string | null,
});

describe("the patient's prescriptions", () => {
  it("lists active prescriptions first, each with its PDF, and offers a pharmacy only for active ones", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /me/prescriptions": () => ({ body: [rx("old", "expired", "Ibuprofen 400 mg tablets"), { ...rx("new", "active", "Amoxicillin 500 mg capsules"), dispensing: "partiallyDispensed", pharmacyName: "Apteka Tverskaya 8" }] }),
    });
    renderApp("/patient/prescriptions");
    const items = await screen.findAllByTestId("my-prescription");
    expect(items.map((i) => i.getAttribute("data-prescription-id"))).toEqual(["new", "old"]);
    expect(within(items[0]!).getByRole("link", { name: "Download PDF" })).toHaveAttribute("href", "/api/v1/prescriptions/new/document.pdf?language=en");
    expect(within(items[0]!).getByRole("link", { name: "Choose a pharmacy" })).toHaveAttribute("href", "/patient/prescriptions/new/pharmacy");
    expect(within(items[1]!).queryByRole("link", { name: "Choose a pharmacy" })).not.toBeInTheDocument();
    expect(within(items[1]!).getByText("Expired")).toBeInTheDocument();
    expect(within(items[0]!).getByTestId("prescription-dispensing")).toHaveTextContent("Partly dispensed · Apteka Tverskaya 8");
    expect(within(items[1]!).getByTestId("prescription-dispensing")).toHaveTextContent("Not sent to a pharmacy yet");
    // The dosage carries the doctor's own instructions.
    expect(within(items[0]!).getByText("500 mg 3 times a day for 7 days, oral.")).toHaveAttribute("dir", "auto");
  });

  it("isolates the pharmacy's and the prescriber's names in the sentences about a prescription", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /me/prescriptions": () => ({
        body: [{ ...rx("new", "active", "Amoxicillin 500 mg capsules"), dispensing: "sent", pharmacyName: "صيدلية \u202Eالنور", prescriberName: "אבי כהן" }],
      }),
    });
    renderApp("/patient/prescriptions");
    const [item] = await screen.findAllByTestId("my-prescription");
    const dispensing = within(item!).getByTestId("prescription-dispensing");
    expect(dispensing.querySelectorAll("bdi")).toHaveLength(1);
    expect(dispensing.querySelector("bdi")).toHaveTextContent("صيدلية \u202Eالنور");
    expect(dispensing.querySelector("bdi")!.textContent).not.toContain("·");
    const prescriber = within(item!).getByText((_, el) => el?.tagName === "BDI" && el.textContent === "אבי כהן");
    expect(prescriber.parentElement!.textContent).toContain("21 capsules");
  });

  it("says whom a dependant's prescription is for, in the reader's language, and nothing on the reader's own", async () => {
    const body = [rx("own", "active", "Ibuprofen 400 mg tablets"),
      { ...rx("child", "active", "Paracetamol 500 mg tablets"), patientId: "22222222-2222-4222-8222-222222222222", patientName: "Masha Fedorova" }];
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /me/prescriptions": () => ({ body }),
    });
    const english = renderApp("/patient/prescriptions");
    let items = await screen.findAllByTestId("my-prescription");
    const child = items.find((i) => i.getAttribute("data-prescription-id") === "child")!;
    expect(within(child).getByTestId("item-for")).toHaveTextContent("For Masha Fedorova");
    expect(within(child).getByTestId("item-for").querySelector("bdi")).toHaveTextContent("Masha Fedorova");
    expect(within(items.find((i) => i.getAttribute("data-prescription-id") === "own")!).queryByTestId("item-for")).not.toBeInTheDocument();
    english.unmount();

    renderApp("/patient/prescriptions", "ru");
    items = await screen.findAllByTestId("my-prescription");
    expect(within(items.find((i) => i.getAttribute("data-prescription-id") === "child")!).getByTestId("item-for")).toHaveTextContent("Для: Masha Fedorova");
  });
});
