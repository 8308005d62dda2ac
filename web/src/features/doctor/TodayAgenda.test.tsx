import { afterEach, describe, expect, it, vi } from "vitest";
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "../../test/renderWithProviders";
import { json, mockApi } from "../../test/mockApi";
import { clock } from "../../shared/time/zonedTime";
import { TodayAgenda } from "./TodayAgenda";

const visit = (id: string, start: string, status: string, patientName: string, kind = "video") => ({
  id,
  doctorId: "d1",
  doctorName: "Dr A",
  patientId: `p-${id}`,
  patientName,
  clinicId: "c1",
  clinicName: "Clinic",
  clinicTimeZone: "Europe/Moscow",
  kind,
  start,
  end: start,
  clinicLocal: start,
  status,
  lateCancellation: false,
  late: false,
});

const queueItem = (consultationId: string, appointmentId: string | null) => ({
  consultationId,
  appointmentId,
  origin: appointmentId ? "booked" : "onDemand",
  kind: "video",
  patientName: "x",
  priority: "routine",
  triageLevel: "routine",
  complaintSummary: "",
  escalated: false,
});

afterEach(() => vi.restoreAllMocks());

describe("today's agenda", () => {
  it("lists today's visits in order in the doctor's zone, offers join only for a waiting patient, and shows the queue and review counts", async () => {
    // The browser's clock is a day off: the server's today decides.
    vi.spyOn(clock, "now").mockReturnValue(new Date("2030-03-03T09:00:00Z"));
    vi.spyOn(clock, "timeZone").mockReturnValue("UTC");
    const api = mockApi({
      "GET /scheduling/me/doctor": () => json(200, { doctorId: "d1", displayName: "Dr A" }),
      "GET /scheduling/doctors/d1/calendar": () =>
        json(200, {
          doctorId: "d1",
          timeZone: "Europe/Moscow",
          today: "2030-03-04",
          days: [
            { date: "2030-03-03", workingMinutes: 0, bookedMinutes: 0, appointments: [visit("y", "2030-03-03T08:00:00Z", "completed", "Yesterday Person")] },
            {
              date: "2030-03-04",
              workingMinutes: 480,
              bookedMinutes: 60,
              appointments: [
                visit("b", "2030-03-04T11:00:00Z", "booked", "Boris Second", "inPerson"),
                visit("a", "2030-03-04T07:00:00Z", "checkedIn", "Anna First"),
                visit("c", "2030-03-04T13:00:00Z", "cancelled", "Cancelled Carl"),
              ],
            },
          ],
        }),
      "GET /consultations/queue": () => json(200, { onDuty: true, specialties: [], booked: [queueItem("k1", "a")], pool: [queueItem("k2", null), queueItem("k3", null)], inProgress: null }),
      "GET /doctor/review-flags": () => json(200, [{ id: "r1", status: "open" }, { id: "r2", status: "resolved" }]),
      "POST /consultations/k1/accept": () => json(200, { id: "k1", kind: "video", status: "inProgress", origin: "booked" }),
    });
    renderWithProviders(<TodayAgenda />, { path: "/doctor", route: "/doctor" });

    const rows = await screen.findAllByTestId("agenda-visit");
    expect(rows.map((r) => r.getAttribute("data-appointment-id"))).toEqual(["a", "b", "c"]);
    expect(rows[0]).toHaveTextContent("10:00");
    expect(rows[0]).toHaveTextContent("Anna First");
    expect(within(rows[0]!).getByText("Anna First")).toHaveAttribute("dir", "auto");
    expect(rows[0]).toHaveTextContent("Checked in");
    expect(rows[1]).toHaveTextContent("2:00 PM");
    expect(rows[1]).toHaveTextContent("In person");
    expect(within(rows[1]!).queryByTestId("agenda-join")).toBeNull();
    expect(within(rows[1]!).getByRole("link", { name: /Open/ })).toHaveAttribute("href", "/doctor/appointments/b");
    expect(screen.queryByText("Yesterday Person")).toBeNull();
    expect(screen.getByTestId("agenda-visit-count")).toHaveTextContent("2");
    // The zone by its city, as people say it, not the IANA id.
    expect(await screen.findByText("Your visits today, in your time zone (Moscow).")).toBeInTheDocument();
    expect(screen.queryByText("Europe/Moscow", { exact: false })).toBeNull();
    expect(screen.getByTestId("agenda-on-call-count")).toHaveTextContent("2");
    expect(await screen.findByTestId("agenda-review-count")).toHaveTextContent("1");

    await userEvent.click(within(rows[0]!).getByTestId("agenda-join"));
    expect(api.callsTo("POST", "/consultations/k1/accept")).toHaveLength(1);
    expect(await screen.findByText("elsewhere")).toBeInTheDocument();
    // Background reads: none of them is marked as the person's activity.
    for (const call of api.calls.filter((c) => c.method === "GET" && c.path !== "/auth/session")) expect(call.headers["X-Telemed-Background"]).toBe("1");
  });

  it("names the zone by its city in Russian", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2030-03-04T09:00:00Z"));
    mockApi({
      "GET /scheduling/me/doctor": () => json(200, { doctorId: "d1", displayName: "Dr A" }),
      "GET /scheduling/doctors/d1/calendar": () => json(200, { doctorId: "d1", timeZone: "Asia/Novosibirsk", today: "2030-03-04", days: [] }),
      "GET /consultations/queue": () => json(200, { onDuty: false, specialties: [], booked: [], pool: [], inProgress: null }),
      "GET /doctor/review-flags": () => json(200, []),
    });
    const { i18n } = renderWithProviders(<TodayAgenda />, { path: "/doctor", route: "/doctor" });
    await act(() => i18n.changeLanguage("ru"));
    expect(await screen.findByText("Ваши приёмы сегодня, в вашем часовом поясе (Новосибирск).")).toBeInTheDocument();
  });

  it("isolates a right-to-left patient's name in the Open and Join buttons' names", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2030-03-04T09:00:00Z"));
    vi.spyOn(clock, "timeZone").mockReturnValue("UTC");
    mockApi({
      "GET /scheduling/me/doctor": () => json(200, { doctorId: "d1", displayName: "Dr A" }),
      "GET /scheduling/doctors/d1/calendar": () =>
        json(200, {
          doctorId: "d1",
          timeZone: "Europe/Moscow",
          today: "2030-03-04",
          days: [
            {
              date: "2030-03-04",
              workingMinutes: 480,
              bookedMinutes: 60,
              appointments: [visit("a", "2030-03-04T07:00:00Z", "checkedIn", "אבי כהן"), visit("b", "2030-03-04T11:00:00Z", "booked", "Anna \u202Eavonrims")],
            },
          ],
        }),
      "GET /consultations/queue": () => json(200, { onDuty: true, specialties: [], booked: [queueItem("k1", "a")], pool: [], inProgress: null }),
      "GET /doctor/review-flags": () => json(200, []),
    });
    renderWithProviders(<TodayAgenda />, { path: "/doctor", route: "/doctor" });
    const rows = await screen.findAllByTestId("agenda-visit");
    expect(within(rows[0]!).getByTestId("agenda-join").getAttribute("aria-label")).toMatch(/^Join: 10:00 AM \u2068אבי כהן\u2069$/);
    expect(within(rows[1]!).getByRole("link").getAttribute("aria-label")).toMatch(/^Open: 2:00 PM \u2068Anna \u202Eavonrims\u2069$/);
  });
});
