import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, problem, signedInSession, type MockHandler } from "../../test/mockApi";
import type { Availability } from "../../shared/api/scheduling";

const view: Availability = {
  doctorId: "d1",
  clinics: [{ id: "c1", name: "Central Clinic", city: "Moscow", timeZone: "Europe/Moscow" }],
  weeklyHours: [{ clinicId: "c1", dayOfWeek: "monday", start: "09:00:00", end: "13:00:00" }],
  appointmentTypes: [
    { kind: "video", durationMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 5, minimumNoticeMinutes: 120, maximumHorizonDays: 60, enabled: true },
  ],
  exceptions: [],
};

function setup(put: MockHandler = () => ({ body: view })) {
  return mockApi({
    "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
    "GET /scheduling/me/doctor": () => ({ body: { doctorId: "d1", displayName: "Dr Ivan Petrov" } }),
    "GET /scheduling/doctors/d1/availability": () => ({ body: view }),
    "PUT /scheduling/doctors/d1/availability": put,
  });
}

describe("availability editor", () => {
  it("rejects overlapping ranges before sending anything", async () => {
    const api = setup();
    renderApp("/doctor/availability");
    await userEvent.click(await screen.findByRole("button", { name: "Add hours on Monday at Central Clinic" }));
    // The new range 09:00–17:00 overlaps 09:00–13:00; move it to 12:00 so it still overlaps.
    fireEvent.change(screen.getByLabelText("Monday, range 2, start"), { target: { value: "12:00" } });
    await userEvent.click(screen.getByRole("button", { name: "Save availability" }));

    expect(await screen.findByTestId("availability-errors")).toHaveTextContent("2 problems need fixing before saving.");
    expect(screen.getAllByText("This range overlaps another range on the same day.")).toHaveLength(2);
    expect(screen.getByLabelText("Monday, range 2, start")).toHaveAttribute("aria-invalid", "true");
    expect(api.callsTo("PUT", "/scheduling/doctors/d1/availability")).toHaveLength(0);

    // Fix it: start after the first range ends → saved with HH:MM times and all three kinds.
    fireEvent.change(screen.getByLabelText("Monday, range 2, start"), { target: { value: "14:00" } });
    await userEvent.click(screen.getByRole("button", { name: "Save availability" }));
    await waitFor(() => expect(api.callsTo("PUT", "/scheduling/doctors/d1/availability")).toHaveLength(1));
    const body = api.callsTo("PUT", "/scheduling/doctors/d1/availability")[0]!.body as Availability;
    expect(body.weeklyHours).toEqual([
      { clinicId: "c1", dayOfWeek: "monday", start: "09:00", end: "13:00" },
      { clinicId: "c1", dayOfWeek: "monday", start: "14:00", end: "17:00" },
    ]);
    expect(body.appointmentTypes.map((t) => t.kind)).toEqual(["video", "inPerson", "chat"]);
    expect(await screen.findByText("Saved.")).toBeInTheDocument();
  });

  it("shows the server's validation errors", async () => {
    setup(() => problem(400, "validation.failed", { "appointmentTypes[0].durationMinutes": ["Must be 5–240 minutes."] }));
    renderApp("/doctor/availability");
    await screen.findByRole("button", { name: "Save availability" });
    await userEvent.click(screen.getByRole("button", { name: "Save availability" }));
    const alert = await screen.findByText("Must be 5–240 minutes.");
    expect(within(alert.closest("[role=alert]") as HTMLElement).getByText("Some fields need attention.")).toBeInTheDocument();
  });

  it("names the clinic and its time zone in Russian for a Russian reader, not by the English original and the zone's id", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
      "GET /scheduling/me/doctor": () => ({ body: { doctorId: "d1", displayName: "Dr Ivan Petrov" } }),
      "GET /scheduling/doctors/d1/availability": () => ({ body: view }),
      "GET /clinics": () => ({ body: [{ id: "c1", name: "Центральная клиника", city: "Москва", timeZone: "Europe/Moscow" }] }),
    });
    renderApp("/doctor/availability", "ru");
    // The weekly hours' legend and the day-off form's clinic choice.
    const [inLegend, inChoice] = await screen.findAllByText("Центральная клиника");
    expect(inChoice!.tagName).toBe("OPTION");
    const legend = inLegend!.closest("legend")!;
    expect(legend.textContent!.replace(/[\u2066-\u2069]/g, "")).toBe("Центральная клиника (Москва) · Москва");
    expect(screen.getByTestId("clinic-zone")).toHaveTextContent(/^Москва$/);
    expect(screen.queryByText("Europe/Moscow")).not.toBeInTheDocument();
    expect(screen.queryByText("Central Clinic")).not.toBeInTheDocument();
  });
});
