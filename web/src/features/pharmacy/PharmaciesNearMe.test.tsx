import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { json, mockApi, problem, signedInSession, type MockResult } from "../../test/mockApi";
import type { DispensingStatus, NearbyPharmacy } from "./pharmaciesApi";

const rxId = "22222222-2222-4222-8222-222222222222";
const near: NearbyPharmacy[] = [
  { id: "a", name: "Apteka Pushkinskaya", address: "Strastnoy blvd. 4", city: "Moscow", latitude: 55.766, longitude: 37.605, phone: "+7 495 555 10 02", openingHours: "Daily", distanceKm: 0.09 },
  { id: "b", name: "Apteka Tverskaya 8", address: "Tverskaya st. 8", city: "Moscow", latitude: 55.7601, longitude: 37.6105, phone: "", openingHours: "", distanceKm: 0.68 },
];

describe("pharmacies near me", () => {
  it("lists pharmacies nearest first for typed coordinates and sends the prescription to the chosen one", async () => {
    const sent: DispensingStatus = { prescriptionId: rxId, status: "sent", pharmacyId: "b", pharmacyName: "Apteka Tverskaya 8", quantityDispensed: 0, quantityPrescribed: 2, updatedAt: "2026-11-30T10:00:00Z" };
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      [`GET /me/prescriptions/${rxId}/dispensing`]: () => problem(404, "pharmacy.not_found"),
      "GET /pharmacies": () => json(200, near),
      [`POST /me/prescriptions/${rxId}/pharmacy`]: () => json(200, sent),
    });
    renderApp(`/patient/prescriptions/${rxId}/pharmacy`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Latitude"), "55,7652");
    await user.type(screen.getByLabelText("Longitude"), "37.6050");
    await user.click(screen.getByRole("button", { name: "Show pharmacies" }));
    const items = await screen.findAllByTestId("nearby-pharmacy");
    expect(items.map((i) => i.querySelector("h2")?.textContent)).toEqual(["Apteka Pushkinskaya", "Apteka Tverskaya 8"]);
    expect(screen.getAllByTestId("distance").map((d) => d.textContent)).toEqual(["0.1 km", "0.7 km"]);
    const query = api.callsTo("GET", "/pharmacies")[0].query;
    expect(query.get("lat")).toBe("55.7652");
    await user.click(screen.getByRole("button", { name: "Send the prescription to Apteka Tverskaya 8" }));
    expect(await screen.findByTestId("dispensing-status")).toHaveTextContent("Sent to Apteka Tverskaya 8. You can still choose another pharmacy.");
    expect(api.callsTo("POST", `/me/prescriptions/${rxId}/pharmacy`)[0].body).toEqual({ pharmacyId: "b" });
    // The chosen pharmacy's button stays, disabled, and says why; the other one is still offered.
    const sentHere = screen.getByRole("button", { name: "Sent here" });
    expect(sentHere).toBeDisabled();
    expect(sentHere).toHaveAccessibleDescription("The prescription is already with this pharmacy. To move it, send it to another one.");
    expect(screen.getByRole("button", { name: "Send the prescription to Apteka Pushkinskaya" })).not.toHaveAccessibleDescription();
  });

  it("says in Russian when the prescription can no longer move because something was handed over", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      [`GET /me/prescriptions/${rxId}/dispensing`]: () => problem(404, "pharmacy.not_found"),
      "GET /pharmacies": () => json(200, near),
      [`POST /me/prescriptions/${rxId}/pharmacy`]: () => problem(409, "pharmacy.already_dispensing"),
    });
    renderApp(`/patient/prescriptions/${rxId}/pharmacy`, "ru");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Широта"), "55.7652");
    await user.type(screen.getByLabelText("Долгота"), "37.605");
    await user.click(screen.getByRole("button", { name: "Показать аптеки" }));
    await user.click(await screen.findByRole("button", { name: "Отправить рецепт в аптеку Apteka Pushkinskaya" }));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
  });

  it("says under the fields when the coordinates are missing or out of range, instead of doing nothing", async () => {
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      [`GET /me/prescriptions/${rxId}/dispensing`]: () => problem(404, "pharmacy.not_found"),
      "GET /pharmacies": () => json(200, near),
    });
    renderApp(`/patient/prescriptions/${rxId}/pharmacy`);
    const user = userEvent.setup();
    const latitude = await screen.findByLabelText("Latitude");
    expect(latitude).toHaveAccessibleDescription(/55\.7558/);
    await user.click(screen.getByRole("button", { name: "Show pharmacies" }));
    expect(await screen.findByText("Enter a latitude between -90 and 90.")).toBeInTheDocument();
    expect(screen.getByText("Enter a longitude between -180 and 180.")).toBeInTheDocument();
    expect(latitude).toHaveAttribute("aria-invalid", "true");
    expect(latitude).toHaveFocus();
    await user.type(latitude, "555");
    await user.type(screen.getByLabelText("Longitude"), "37.6");
    await user.click(screen.getByRole("button", { name: "Show pharmacies" }));
    expect(await screen.findByText("Enter a latitude between -90 and 90.")).toBeInTheDocument();
    expect(screen.queryByText("Enter a longitude between -180 and 180.")).not.toBeInTheDocument();
    expect(api.callsTo("GET", "/pharmacies")).toHaveLength(0);
  });

  it("sends once on a double click, so the patient never reads a dispensing conflict for their own second click", async () => {
    const sent: DispensingStatus = { prescriptionId: rxId, status: "sent", pharmacyId: "b", pharmacyName: "Apteka Tverskaya 8", quantityDispensed: 0, quantityPrescribed: 2, updatedAt: "2026-11-30T10:00:00Z" };
    let posts = 0;
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      [`GET /me/prescriptions/${rxId}/dispensing`]: () => problem(404, "pharmacy.not_found"),
      "GET /pharmacies": () => json(200, near),
      [`POST /me/prescriptions/${rxId}/pharmacy`]: () => (++posts === 1 ? json(200, sent) : problem(409, "pharmacy.dispensing_conflict")),
    });
    renderApp(`/patient/prescriptions/${rxId}/pharmacy`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Latitude"), "55.76");
    await user.type(screen.getByLabelText("Longitude"), "37.61");
    await user.click(screen.getByRole("button", { name: "Show pharmacies" }));
    const button = await screen.findByRole("button", { name: "Send the prescription to Apteka Tverskaya 8" });
    fireEvent.click(button);
    fireEvent.click(button);
    expect(await screen.findByTestId("dispensing-status")).toHaveTextContent("Sent to Apteka Tverskaya 8.");
    await waitFor(() => expect(api.callsTo("POST", `/me/prescriptions/${rxId}/pharmacy`)).toHaveLength(1));
    expect(screen.queryByText(/at the same moment/)).not.toBeInTheDocument();
  });

  it("shows only the chosen pharmacy's button as sending; the other waits disabled", async () => {
    let answer: (result: MockResult) => void = () => {};
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      [`GET /me/prescriptions/${rxId}/dispensing`]: () => problem(404, "pharmacy.not_found"),
      "GET /pharmacies": () => json(200, near),
      [`POST /me/prescriptions/${rxId}/pharmacy`]: () => new Promise<MockResult>((resolve) => (answer = resolve)),
    });
    renderApp(`/patient/prescriptions/${rxId}/pharmacy`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Latitude"), "55.76");
    await user.type(screen.getByLabelText("Longitude"), "37.61");
    await user.click(screen.getByRole("button", { name: "Show pharmacies" }));
    const chosen = await screen.findByRole("button", { name: "Send the prescription to Apteka Tverskaya 8" });
    const other = screen.getByRole("button", { name: "Send the prescription to Apteka Pushkinskaya" });

    await user.click(chosen);
    expect(chosen).toHaveAccessibleName("Sending…");
    expect(chosen).toBeDisabled();
    expect(chosen).toHaveAttribute("aria-busy", "true");
    expect(other).toBeDisabled();
    expect(other).not.toHaveAttribute("aria-busy");
    const [first, second] = screen.getAllByTestId("nearby-pharmacy");
    expect(within(second!).getByTestId("busy-announcement")).toHaveTextContent("Sending…");
    expect(within(first!).getByTestId("busy-announcement")).toBeEmptyDOMElement();

    answer(problem(409, "pharmacy.already_dispensing"));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    for (const button of [chosen, other]) {
      expect(button).toBeEnabled();
      expect(button).not.toHaveAttribute("aria-busy");
    }
    expect(chosen).toHaveAccessibleName("Send the prescription to Apteka Tverskaya 8");
    expect(within(second!).getByTestId("busy-announcement")).toBeEmptyDOMElement();
  });
});
