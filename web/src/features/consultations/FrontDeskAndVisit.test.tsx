import { describe, expect, it, vi } from "vitest";
import { configure, act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";
import type { Appointment } from "../../shared/api/scheduling";
import { clock } from "../../shared/time/zonedTime";
import type { FakeHubConnection } from "./testHub";

// The suite runs on busy machines: give renders that wait on fetches more time than the default second.
configure({ asyncUtilTimeout: 4000 });
vi.setConfig({ testTimeout: 20_000 });

const hub = vi.hoisted(() => ({ connections: [] as FakeHubConnection[], connectWhen: undefined as Promise<undefined> | undefined }));
vi.mock("./waitingRoomHub", async () => {
  const { FakeHubConnection } = await import("./testHub");
  return {
    createWaitingRoomConnection: () => {
      const c = new FakeHubConnection();
      // A test can hold the connection back (a slow network) until it lets it through.
      const gate = hub.connectWhen;
      if (gate) c.start.mockImplementation(() => gate);
      hub.connections.push(c);
      return c;
    },
  };
});

const appointment: Appointment = {
  id: "a1",
  doctorId: "d1",
  doctorName: "Dr Anna Petrova",
  patientId: "p1",
  clinicId: "c1",
  clinicName: "Moscow Clinic",
  clinicTimeZone: "Europe/Moscow",
  kind: "video",
  start: "2026-11-23T07:00:00Z",
  end: "2026-11-23T07:30:00Z",
  clinicLocal: "2026-11-23T10:00:00",
  status: "confirmed",
  lateCancellation: false,
  late: false,
};

function patientApi(a: Appointment, extra: Parameters<typeof mockApi>[0] = {}) {
  vi.spyOn(clock, "timeZone").mockReturnValue("Europe/Moscow");
  return mockApi({
    "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
    "GET /clinics": () => ({ body: [{ id: "c1", name: "Moscow Clinic", city: "Moscow", timeZone: "Europe/Moscow" }] }),
    "GET /scheduling/appointments/a1": () => ({ body: a }),
    ...extra,
  });
}

describe("front desk escalations", () => {
  it("lists escalated requests and adds new ones live", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-23T07:10:00Z"));
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["FrontDesk"]) }),
      "GET /consultations/escalations": () => ({
        body: [{ consultationId: "e1", specialty: "Cardiology", waitingSince: "2026-11-23T07:00:00Z", kind: "video" }],
      }),
    });
    renderApp("/front-desk/escalations");
    const table = await screen.findByTestId("escalations");
    const row = table.querySelector('[data-consultation-id="e1"]')!;
    expect(row).toHaveTextContent("Cardiology");
    expect(row).toHaveTextContent("10 min");

    const conn = hub.connections.at(-1)!;
    await waitFor(() => expect(conn.invocations).toContainEqual(["WatchEscalations"]));
    act(() => conn.emit("consultationEscalated", { consultationId: "e2", specialty: "Therapist", waitingSince: "2026-11-23T07:05:00Z" }));
    await waitFor(() => expect(table.querySelector('[data-consultation-id="e2"]')).toHaveTextContent("Therapist"));
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Escalations" })).toHaveAttribute("href", "/front-desk/escalations");
  });
});

describe("assigning an escalated request", () => {
  it("says why Assign is disabled until a doctor is chosen, and isolates a right-to-left doctor's name in the list", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-23T07:10:00Z"));
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["FrontDesk"]) }),
      "GET /consultations/escalations": () => ({
        body: [
          {
            consultationId: "e1",
            specialty: "Cardiology",
            waitingSince: "2026-11-23T07:00:00Z",
            kind: "video",
            doctors: [
              { doctorUserId: "u1", name: "Anna Petrova" },
              { doctorUserId: "u2", name: "אבי כהן" },
            ],
          },
        ],
      }),
    });
    renderApp("/front-desk/escalations");
    const table = await screen.findByTestId("escalations");
    const assign = within(table).getByRole("button", { name: "Assign" });
    expect(assign).toBeDisabled();
    expect(assign).toHaveAccessibleDescription("Choose a doctor to assign the patient to.");
    const options = Array.from(within(table).getByLabelText(/Assign to/).querySelectorAll("option")).map((o) => o.textContent);
    expect(options).toContain("Anna Petrova");
    expect(options).toContain("\u2068אבי כהן\u2069");
    await userEvent.selectOptions(within(table).getByLabelText(/Assign to/), "Anna Petrova");
    expect(assign).toBeEnabled();
    expect(assign).not.toHaveAttribute("aria-describedby");
  });
});

describe("escalations raised while the page connects", () => {
  it("reads the list again once the watch is in place, so one escalated before it is not missed", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-23T07:10:00Z"));
    let reads = 0;
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["FrontDesk"]) }),
      "GET /consultations/escalations": () => {
        reads += 1;
        // The first read is answered before the hub watch exists; e2 is escalated in between and its event goes nowhere.
        const e1 = { consultationId: "e1", specialty: "Cardiology", waitingSince: "2026-11-23T07:00:00Z", kind: "video" };
        const e2 = { consultationId: "e2", specialty: "Neurology", waitingSince: "2026-11-23T07:02:00Z", kind: "chat" };
        return { body: reads === 1 ? [e1] : [e1, e2] };
      },
    });
    let connect = () => {};
    hub.connectWhen = new Promise<undefined>((resolve) => (connect = () => resolve(undefined)));
    try {
      renderApp("/front-desk/escalations");
      const table = await screen.findByTestId("escalations");
      expect(table.querySelector('[data-consultation-id="e1"]')).toHaveTextContent("Cardiology");
      act(() => connect());
      const conn = hub.connections.at(-1)!;
      await waitFor(() => expect(conn.invocations).toContainEqual(["WatchEscalations"]));
      await waitFor(() => expect(screen.getByTestId("escalations").querySelector('[data-consultation-id="e2"]')).toHaveTextContent("Neurology"));
    } finally {
      hub.connectWhen = undefined;
    }
    expect(api.callsTo("GET", "/consultations/escalations").length).toBeGreaterThanOrEqual(2);
  });
});

describe("joining a booked visit", () => {
  it("offers 'Join visit' from 15 minutes before the start until the end", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-23T06:40:00Z"));
    patientApi(appointment);
    const first = renderApp("/patient/appointments/a1");
    await screen.findByTestId("appointment-status");
    expect(screen.queryByRole("link", { name: "Join visit" })).not.toBeInTheDocument();
    first.unmount();

    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-23T06:46:00Z"));
    renderApp("/patient/appointments/a1");
    await screen.findByTestId("appointment-status");
    expect(screen.getByRole("link", { name: "Join visit" })).toHaveAttribute("href", "/patient/visit/a1");
  });

  it("does not offer it for an in-person visit", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-23T06:50:00Z"));
    patientApi({ ...appointment, kind: "inPerson" });
    renderApp("/patient/appointments/a1");
    await screen.findByTestId("appointment-status");
    expect(screen.queryByRole("link", { name: "Join visit" })).not.toBeInTheDocument();
  });

  it("enters the waiting room with the complaint", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-23T06:50:00Z"));
    const api = patientApi(appointment, {
      "POST /consultations/triage": () => ({ body: { level: "standard", advice: "In turn.", firedRules: [] } }),
      "POST /consultations/appointments/a1/enter": () => ({
        status: 201,
        body: { admitted: true, consultation: { id: "c7", kind: "video", status: "waiting", origin: "booked", queue: { position: 1, estimatedWaitMinutes: 0, escalated: false } } },
      }),
      "GET /consultations/c7": () => ({
        body: { id: "c7", kind: "video", status: "waiting", origin: "booked", queue: { position: 1, estimatedWaitMinutes: 0, escalated: false } },
      }),
    });
    const app = renderApp("/patient/visit/a1");
    expect(await screen.findByTestId("visit-summary")).toHaveTextContent("Video visit with Dr Anna Petrova");
    await userEvent.click(screen.getByRole("button", { name: "Head" }));
    await userEvent.click(screen.getByLabelText("Severity"));
    await userEvent.selectOptions(screen.getByLabelText("How long"), "days");
    await userEvent.click(screen.getByRole("button", { name: "Enter the waiting room" }));
    await waitFor(() => expect(app.router().state.location.pathname).toBe("/patient/consultations/c7/waiting"));
    expect(api.callsTo("POST", "/consultations/appointments/a1/enter")[0]!.body).toMatchObject({ regions: ["head"], severity: 5, duration: "days" });
    expect(await screen.findByTestId("queue-estimate")).toHaveAttribute("data-minutes", "0");
  });

  it("takes the saved draft's photos into the waiting room with the complaint", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-23T06:50:00Z"));
    const api = patientApi(appointment, {
      "GET /consultations/appointments/a1/draft": () => ({
        body: {
          complaint: { regions: ["head"], severity: 4, duration: "days", symptoms: [], description: "Rash since Friday", photoIds: ["ph1", "ph2"] },
          savedAt: "2026-11-22T18:00:00Z",
          roomOpensAt: "2026-11-23T06:45:00Z",
          roomOpen: true,
        },
      }),
      "POST /consultations/triage": () => ({ body: { level: "standard", advice: "In turn.", firedRules: [] } }),
      "POST /consultations/appointments/a1/enter": () => ({
        status: 201,
        body: { admitted: true, consultation: { id: "c8", kind: "video", status: "waiting", origin: "booked", queue: { position: 1, estimatedWaitMinutes: 0, escalated: false } } },
      }),
      "GET /consultations/c8": () => ({
        body: { id: "c8", kind: "video", status: "waiting", origin: "booked", queue: { position: 1, estimatedWaitMinutes: 0, escalated: false } },
      }),
    });
    const app = renderApp("/patient/visit/a1");
    await screen.findByTestId("visit-summary");
    const thumbnails = await screen.findByTestId("photo-thumbnails");
    expect(within(thumbnails).getAllByRole("listitem")).toHaveLength(2);
    await userEvent.click(screen.getByRole("button", { name: "Enter the waiting room" }));
    await waitFor(() => expect(app.router().state.location.pathname).toBe("/patient/consultations/c8/waiting"));
    expect(api.callsTo("POST", "/consultations/appointments/a1/enter")[0]!.body).toMatchObject({
      regions: ["head"],
      description: "Rash since Friday",
      photoIds: ["ph1", "ph2"],
    });
  });

  it("keeps the patient out of the queue when the server advises emergency care", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-23T06:50:00Z"));
    patientApi(appointment, {
      "POST /consultations/triage": () => ({ body: { level: "standard", advice: "In turn.", firedRules: [] } }),
      "POST /consultations/appointments/a1/enter": () => ({
        status: 200,
        body: {
          admitted: false,
          triage: { level: "emergency", advice: "Call emergency services now.", firedRules: [{ code: "stroke-signs", title: "Signs of stroke", level: "emergency", source: "NICE NG128" }] },
          consultation: null,
        },
      }),
    });
    renderApp("/patient/visit/a1");
    await screen.findByTestId("visit-summary");
    await userEvent.click(screen.getByRole("button", { name: "Face" }));
    await userEvent.click(screen.getByLabelText("Severity"));
    await userEvent.selectOptions(screen.getByLabelText("How long"), "underAnHour");
    await userEvent.click(screen.getByRole("button", { name: "Enter the waiting room" }));
    const advice = await screen.findByTestId("emergency-advice");
    expect(advice).toHaveTextContent("Call emergency services now.");
    expect(advice).toHaveTextContent("Signs of stroke");
  });
});
