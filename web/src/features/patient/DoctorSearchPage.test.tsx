import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";

const card = {
  id: "d1",
  displayName: "Dr Maria Kuznetsova",
  specialties: ["cardiology"],
  qualificationCategory: null,
  yearsOfExperience: 12,
  hourlyRate: { amountMinor: 450000, currency: "USD" },
  languages: ["en", "ru"],
  clinics: [{ id: "c1", name: "Central Clinic", city: "Moscow" }],
  bioExcerpt: null,
};

describe("doctor search", () => {
  it("sends filters with prices in minor units and renders result cards", async () => {
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /specialties": () => ({ body: [{ code: "cardiology", name: "Cardiology" }] }),
      // The card's next free video time and the price of that (30-minute) visit, not the hourly rate.
      "GET /scheduling/slots": () => ({
        body: {
          items: [
            {
              doctorId: "d1",
              displayName: "Dr Maria Kuznetsova",
              specialties: ["cardiology"],
              languages: ["en"],
              hourlyRate: { amountMinor: 450000, currency: "USD" },
              slots: [
                {
                  start: "2030-01-07T09:00:00Z",
                  end: "2030-01-07T09:30:00Z",
                  kind: "video",
                  clinicId: "c1",
                  clinicName: "Clinic",
                  clinicTimeZone: "UTC",
                  clinicLocal: "2030-01-07T09:00:00",
                  patientTimeZone: "UTC",
                  patientLocal: "2030-01-07T09:00:00",
                },
              ],
            },
          ],
          total: 1,
          page: 1,
          pageSize: 1,
        },
      }),
      "GET /doctors": (req) => ({
        body: req.query.get("specialty") ? { items: [card], total: 1, page: 1, pageSize: 10 } : { items: [], total: 0, page: 1, pageSize: 10 },
      }),
      // The server's price of that visit (rate × the doctor's qualification factor), not the browser's rate × minutes.
      "GET /billing/quote": () => ({
        body: { amount: { amountMinor: 292500, currency: "USD" }, minutes: 30, qualificationFactor: 1.3, incrementMinutes: 15, hourlyRate: { amountMinor: 450000, currency: "USD" } },
      }),
    });
    renderApp("/patient/doctors");
    expect(await screen.findByText("No doctors match your search. Try fewer filters.")).toBeInTheDocument();
    await screen.findByRole("option", { name: "Cardiology" });

    await userEvent.selectOptions(screen.getByLabelText("Specialty"), "cardiology");
    await userEvent.selectOptions(screen.getByLabelText("Language"), "English");
    await userEvent.type(screen.getByLabelText("Minimum price"), "1000");
    await userEvent.type(screen.getByLabelText("Maximum price"), "4500.5");
    await userEvent.click(screen.getByRole("button", { name: "Search" }));

    const article = await screen.findByRole("article");
    const last = api.callsTo("GET", "/doctors").at(-1)!;
    expect(Object.fromEntries(last.query)).toMatchObject({ specialty: "cardiology", language: "en", minPrice: "100000", maxPrice: "450050" });
    expect(within(article).getByRole("heading", { name: "Dr Maria Kuznetsova" })).toBeInTheDocument();
    expect(within(article).getByRole("link", { name: "Dr Maria Kuznetsova" })).toHaveAttribute("href", "/patient/doctors/d1");
    expect(await within(article).findByText("$2,925.00")).toBeInTheDocument();
    expect(within(article).getByText("Price of a 30-minute visit")).toBeInTheDocument();
    expect(within(article).queryByText("Price per hour")).not.toBeInTheDocument();
    expect(within(article).getByTestId("next-available")).toHaveTextContent(/Jan 7/);
    expect(within(article).getByText("12 years")).toBeInTheDocument();
    expect(within(article).getByText("English, Russian")).toBeInTheDocument();
  });

  it("flags a minimum above the maximum without searching", async () => {
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /specialties": () => ({ body: [] }),
      "GET /doctors": () => ({ body: { items: [], total: 0, page: 1, pageSize: 10 } }),
    });
    renderApp("/patient/doctors");
    await userEvent.type(await screen.findByLabelText("Minimum price"), "5000");
    await userEvent.type(screen.getByLabelText("Maximum price"), "100");
    const before = api.callsTo("GET", "/doctors").length;
    await userEvent.click(screen.getByRole("button", { name: "Search" }));
    expect(await screen.findByText("The minimum price cannot be above the maximum price.")).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo("GET", "/doctors")).toHaveLength(before));
  });
});
