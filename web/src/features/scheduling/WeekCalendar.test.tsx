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
