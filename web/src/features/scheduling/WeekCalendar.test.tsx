import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";
import { clock } from "../../shared/time/zonedTime";
import type { Appointment } from "../../shared/api/scheduling";

const base: Omit<Appointment, "id" | "start" | "end" | "status"> = {
  doctorId: "d1",
  doctorName: "Dr Ivan Petrov",
  patientId: "p1",
  patientName: "Olga Smirnova",
  clinicId: "c1",
  clinicName: "Novosibirsk Clinic",
  clinicTimeZone: "Asia/Novosibirsk",
  kind: "inPerson",
  clinicLocal: "",
  lateCancellation: false,
  late: false,
};

describe("doctor's week calendar", () => {
  it("places appointments on their day and hour in the calendar's zone, with the day's load", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-25T03:00:00Z"));
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
      "GET /scheduling/me/doctor": () => ({ body: { doctorId: "d1", displayName: "Dr Ivan Petrov" } }),
      "GET /scheduling/doctors/d1/calendar": () => ({
        body: {
          doctorId: "d1",
          timeZone: "Asia/Novosibirsk", // UTC+7
          days: [
            {
              date: "2026-11-24",
              workingMinutes: 480,
              bookedMinutes: 60,
              appointments: [
                // 02:30Z = 09:30 Tuesday in Novosibirsk
                { ...base, id: "a1", start: "2026-11-24T02:30:00Z", end: "2026-11-24T03:00:00Z", status: "confirmed" },
                // 17:00Z on Monday = 00:00 Tuesday local → still Tuesday, hour 0
                { ...base, id: "a2", start: "2026-11-23T17:00:00Z", end: "2026-11-23T17:30:00Z", status: "booked" },
              ],
            },
            {
              date: "2026-11-26",
              workingMinutes: 240,
              bookedMinutes: 30,
              appointments: [{ ...base, id: "a3", start: "2026-11-26T07:00:00Z", end: "2026-11-26T07:30:00Z", status: "booked" }],
            },
          ],
        },
      }),
    });
    const app = renderApp("/doctor/schedule");
    const { container } = app;
    const grid = await screen.findByTestId("week-grid");
    const cell = (date: string, hour: number) => container.querySelector(`td[data-date="${date}"][data-hour="${hour}"]`)!;

    expect(within(cell("2026-11-24", 9) as HTMLElement).getByText("9:30 AM–10:00 AM")).toBeInTheDocument();
    expect(cell("2026-11-24", 9).querySelector('[data-appointment-id="a1"]')).toHaveAttribute("data-status", "confirmed");
    expect(cell("2026-11-24", 0).querySelector('[data-appointment-id="a2"]')).not.toBeNull();
    expect(cell("2026-11-26", 14).querySelector('[data-appointment-id="a3"]')).not.toBeNull();
    expect(grid.querySelectorAll("[data-appointment-id]")).toHaveLength(3);
    expect(within(grid).getAllByRole("link", { name: "Olga Smirnova" })[0]).toHaveAttribute("href", "/doctor/patients/p1");

    const load = screen.getByTestId("day-load");
    expect(load.querySelector('[data-date="2026-11-24"]')).toHaveTextContent("2 visits · 60 of 480 min");
    expect(load.querySelector('[data-date="2026-11-26"]')).toHaveTextContent("1 visit · 30 of 240 min");

    expect(Object.fromEntries(api.callsTo("GET", "/scheduling/doctors/d1/calendar")[0]!.query)).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    await userEvent.click(screen.getByRole("button", { name: /Next week/ }));
    await waitFor(() =>
      expect(Object.fromEntries(api.callsTo("GET", "/scheduling/doctors/d1/calendar").at(-1)!.query)).toEqual({ from: "2026-11-30", to: "2026-12-06" }),
    );
    expect(app.router().state.location.search).toBe("?week=2026-11-30");
  });
});

/** A phone: `(max-width: 640px)` matches. */
function phoneWidth() {
  vi.stubGlobal("matchMedia", (query: string) => ({
    matches: query === "(max-width: 640px)",
    media: query,
    addEventListener: () => {},
    removeEventListener: () => {},
  }));
}

/** Two weeks of Dr Petrov in Novosibirsk (UTC+7): Wednesday 25 Nov, Thursday 26 Nov and Monday 30 Nov have a visit each. */
function twoWeeksOfVisits() {
  const days = [
    { date: "2026-11-25", workingMinutes: 480, bookedMinutes: 30, appointments: [{ ...base, id: "wed", start: "2026-11-25T02:30:00Z", end: "2026-11-25T03:00:00Z", status: "confirmed" }] },
    { date: "2026-11-26", workingMinutes: 240, bookedMinutes: 30, appointments: [{ ...base, id: "thu", start: "2026-11-26T07:00:00Z", end: "2026-11-26T07:30:00Z", status: "booked" }] },
    { date: "2026-11-30", workingMinutes: 480, bookedMinutes: 30, appointments: [{ ...base, id: "mon", start: "2026-11-30T03:00:00Z", end: "2026-11-30T03:30:00Z", status: "booked" }] },
  ];
  return mockApi({
    "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
    "GET /scheduling/me/doctor": () => ({ body: { doctorId: "d1", displayName: "Dr Ivan Petrov" } }),
    "GET /scheduling/doctors/d1/calendar": (req) => {
      const from = req.query.get("from")!;
      const to = req.query.get("to")!;
      return { body: { doctorId: "d1", timeZone: "Asia/Novosibirsk", days: days.filter((d) => d.date >= from && d.date <= to) } };
    },
  });
}

describe("doctor's week calendar on a phone: one day at a time", () => {
  it("Given a phone and this week, When the schedule opens, Then today is shown alone with its visit's links, status and load, and no week grid", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-25T03:00:00Z")); // Wednesday 25 Nov, 10:00 in Novosibirsk
    phoneWidth();
    twoWeeksOfVisits();
    renderApp("/doctor/schedule");

    const grid = await screen.findByTestId("day-grid");
    expect(screen.getByRole("heading", { level: 3, name: "Wednesday, November 25, 2026" })).toHaveAttribute("data-date", "2026-11-25");
    expect(screen.queryByTestId("week-grid")).toBeNull();
    expect(within(grid).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Time", "Wed, Nov 25"]);
    const block = grid.querySelector('[data-appointment-id="wed"]') as HTMLElement;
    expect(block.closest("td")).toHaveAttribute("data-hour", "9");
    expect(within(block).getByRole("link", { name: "9:30 AM–10:00 AM" })).toHaveAttribute("href", "/doctor/appointments/wed");
    expect(within(block).getByRole("link", { name: "Olga Smirnova" })).toHaveAttribute("href", "/doctor/patients/p1");
    expect(within(block).getByText("Confirmed")).toBeInTheDocument();
    expect(grid.querySelectorAll("[data-appointment-id]")).toHaveLength(1);
    const load = screen.getByTestId("day-load");
    expect(load.querySelectorAll("li")).toHaveLength(1);
    expect(load.querySelector('[data-date="2026-11-25"]')).toHaveTextContent("1 visit · 30 of 480 min");
    expect(screen.getByRole("button", { name: "Previous day: Tue, Nov 24" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Next day: Thu, Nov 26" })).toBeEnabled();
    // Today is shown: the "Today" button has nothing to do.
    expect(screen.getByRole("button", { name: "Today" })).toBeDisabled();

    await userEvent.click(screen.getByRole("button", { name: "Next day: Thu, Nov 26" }));
    expect(screen.getByTestId("day-title")).toHaveAttribute("data-date", "2026-11-26");
    expect(within(screen.getByTestId("day-grid")).getByRole("link", { name: "2:00 PM–2:30 PM" })).toHaveAttribute("href", "/doctor/appointments/thu");
    expect(screen.getByTestId("day-grid").querySelector('[data-appointment-id="wed"]')).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Today" }));
    expect(screen.getByTestId("day-title")).toHaveAttribute("data-date", "2026-11-25");
  });

  it("Given a phone and another week, When the schedule opens, Then the week's Monday is shown", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-25T03:00:00Z"));
    phoneWidth();
    twoWeeksOfVisits();
    renderApp("/doctor/schedule?week=2026-12-03");

    await screen.findByTestId("day-grid");
    expect(screen.getByTestId("day-title")).toHaveAttribute("data-date", "2026-11-30");
    expect(screen.getByTestId("day-title")).toHaveTextContent("Monday, November 30, 2026");
    expect(screen.getByTestId("day-grid").querySelector('[data-appointment-id="mon"]')).not.toBeNull();
  });

  it("Given a phone on Sunday, When the doctor steps to the next day, Then the next week loads on its Monday, and back again before it", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-25T03:00:00Z"));
    phoneWidth();
    const api = twoWeeksOfVisits();
    const app = renderApp("/doctor/schedule");
    await screen.findByTestId("day-grid");

    for (const next of ["Thu, Nov 26", "Fri, Nov 27", "Sat, Nov 28", "Sun, Nov 29"]) {
      await userEvent.click(screen.getByRole("button", { name: `Next day: ${next}` }));
    }
    expect(screen.getByTestId("day-title")).toHaveAttribute("data-date", "2026-11-29");
    expect(api.callsTo("GET", "/scheduling/doctors/d1/calendar")).toHaveLength(1);

    await userEvent.click(screen.getByRole("button", { name: "Next day: Mon, Nov 30" }));
    await waitFor(() => expect(screen.getByTestId("day-grid").querySelector('[data-appointment-id="mon"]')).not.toBeNull());
    expect(screen.getByTestId("day-title")).toHaveAttribute("data-date", "2026-11-30");
    expect(Object.fromEntries(api.callsTo("GET", "/scheduling/doctors/d1/calendar").at(-1)!.query)).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    expect(app.router().state.location.search).toBe("?week=2026-11-30");
    expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent("Mon, Nov 30 – Sun, Dec 6");

    await userEvent.click(screen.getByRole("button", { name: "Previous day: Sun, Nov 29" }));
    expect(screen.getByTestId("day-title")).toHaveAttribute("data-date", "2026-11-29");
    expect(app.router().state.location.search).toBe("");
    await waitFor(() => expect(screen.getByTestId("day-load").querySelector('[data-date="2026-11-29"]')).not.toBeNull());
  });

  it("Given a wide screen, When the schedule opens, Then the seven-day grid is shown without day buttons", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-25T03:00:00Z"));
    vi.stubGlobal("matchMedia", (query: string) => ({ matches: false, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
    twoWeeksOfVisits();
    renderApp("/doctor/schedule");
    const grid = await screen.findByTestId("week-grid");
    expect(within(grid).getAllByRole("columnheader")).toHaveLength(8);
    expect(screen.queryByTestId("day-nav")).toBeNull();
    expect(screen.getByTestId("day-load").querySelectorAll("li")).toHaveLength(7);
  });
});
