import { describe, expect, it, vi } from "vitest";
import { configure, act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";
import type { DoctorQueue, QueueItem } from "../../shared/api/consultations";
import { clock } from "../../shared/time/zonedTime";
import type { FakeHubConnection } from "./testHub";

// The suite runs on busy machines: give renders that wait on fetches more time than the default second.
configure({ asyncUtilTimeout: 4000 });
vi.setConfig({ testTimeout: 20_000 });

const hub = vi.hoisted(() => ({ connections: [] as FakeHubConnection[] }));
vi.mock("./waitingRoomHub", async () => {
  const { FakeHubConnection } = await import("./testHub");
  return {
    createWaitingRoomConnection: () => {
      const c = new FakeHubConnection();
      hub.connections.push(c);
      return c;
    },
  };
});
vi.mock("../calls/CallPage", () => ({ CallPage: () => <h1>Call</h1> }));

const item = (id: string, patientName: string, overrides: Partial<QueueItem> = {}): QueueItem => ({
  consultationId: id,
  origin: "onDemand",
  kind: "video",
  patientName,
  priority: "standard",
  triageLevel: "standard",
  complaintSummary: "Head · 5/10 · hours",
  waitingSince: "2026-11-23T06:50:00Z",
  scheduledStart: null,
  escalated: false,
  specialty: "Therapist",
  ...overrides,
});

const queue = (pool: QueueItem[], overrides: Partial<DoctorQueue> = {}): DoctorQueue => ({
  onDuty: true,
  specialties: ["Therapist"],
  booked: [item("b1", "Olga Smirnova", { origin: "booked", scheduledStart: "2026-11-23T07:00:00Z" })],
  pool,
  inProgress: null,
  ...overrides,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("doctor consultations dashboard", () => {
  it("lists the queues, drops a removed request at once and re-reads the queue", async () => {
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-23T07:02:00Z"));
    vi.spyOn(clock, "timeZone").mockReturnValue("Europe/Moscow");
    let reads = 0;
    const pending = deferred<{ body: DoctorQueue }>();
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
      // The first read, and the one once the watch is in place (changes before it are not replayed), answer at once.
      "GET /consultations/queue": () =>
        ++reads <= 2
          ? { body: queue([item("p1", "Ivan Petrov", { priority: "urgent", escalated: true }), item("p2", "Anna Volkova")]) }
          : pending.promise,
    });
    renderApp("/doctor/consultations");
    const pool = await screen.findByTestId("pool-queue");
    const rows = () => within(pool).getAllByTestId("queue-item");
    expect(rows().map((r) => r.getAttribute("data-consultation-id"))).toEqual(["p1", "p2"]);
    const first = rows()[0]!;
    expect(first).toHaveAttribute("data-priority", "urgent");
    expect(first).toHaveTextContent("Ivan Petrov");
    expect(first).toHaveTextContent("Head · 5/10 · hours");
    // The summary holds the patient's own words: its direction comes from them.
    expect(within(first).getByText("Head · 5/10 · hours")).toHaveAttribute("dir", "auto");
    expect(first).toHaveTextContent("Waiting 12 minutes");
    expect(first).toHaveTextContent("Escalated");
    expect(within(first).getByRole("button", { name: "Accept" })).toBeEnabled();
    const booked = screen.getByTestId("booked-queue");
    expect(within(booked).getByTestId("queue-item")).toHaveTextContent("Olga Smirnova");
    expect(screen.getByTestId("duty-status")).toHaveAttribute("data-on-duty", "true");

    const conn = hub.connections.at(-1)!;
    await waitFor(() => expect(conn.invocations).toContainEqual(["WatchQueue"]));
    await waitFor(() => expect(reads).toBe(2));
    act(() => conn.emit("queueChanged", { consultationId: "p1", change: "removed" }));
    // Gone while the re-read is still on its way.
    await waitFor(() => expect(rows().map((r) => r.getAttribute("data-consultation-id"))).toEqual(["p2"]));
    expect(reads).toBe(3);
    // A re-read that still lists it (it started earlier) does not bring it back.
    await act(async () => pending.resolve({ body: queue([item("p1", "Ivan Petrov"), item("p2", "Anna Volkova")]) }));
    await waitFor(() => expect(rows().map((r) => r.getAttribute("data-consultation-id"))).toEqual(["p2"]));
  });

  it("shows the server's message when another doctor accepted first, and re-reads", async () => {
    let reads = 0;
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
      "GET /consultations/queue": () => (++reads <= 2 ? { body: queue([item("p1", "Ivan Petrov")]) } : { body: queue([]) }),
      "POST /consultations/p1/accept": () => ({
        status: 409,
        body: { title: "Conflict", status: 409, code: "consultation.already_taken", detail: "Dr Anna Petrova accepted this request first." },
      }),
    });
    renderApp("/doctor/consultations");
    const pool = await screen.findByTestId("pool-queue");
    await userEvent.click(within(pool).getByRole("button", { name: "Accept" }));
    expect(await screen.findByText("Dr Anna Petrova accepted this request first.")).toBeInTheDocument();
    expect(screen.getByText("Another doctor has already accepted this request.")).toBeInTheDocument();
    await waitFor(() => expect(within(pool).queryByTestId("queue-item")).not.toBeInTheDocument());
    // The first read, the one once the watch is in place, and the one after the refusal.
    expect(api.callsTo("GET", "/consultations/queue")).toHaveLength(3);
  });

  it("accepts a request and opens the call; toggles duty", async () => {
    let onDuty = false;
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
      "GET /consultations/queue": () => ({ body: queue(onDuty ? [item("p1", "Ivan Petrov")] : [], { onDuty }) }),
      "PUT /consultations/duty": (req) => {
        onDuty = (req.body as { onDuty: boolean }).onDuty;
        return { body: { onDuty, since: "2026-11-23T07:00:00Z", specialties: ["Therapist"] } };
      },
      "POST /consultations/p1/accept": () => ({ body: { id: "p1", kind: "video", status: "inProgress", origin: "onDemand" } }),
    });
    const app = renderApp("/doctor/consultations");
    const status = await screen.findByTestId("duty-status");
    expect(status).toHaveAttribute("data-on-duty", "false");
    expect(status).toHaveTextContent("Off duty");
    expect(screen.getByTestId("pool-queue")).toHaveTextContent("Go on duty to receive on-demand requests.");

    await userEvent.click(screen.getByRole("button", { name: "Go on duty" }));
    await waitFor(() => expect(screen.getByTestId("duty-status")).toHaveAttribute("data-on-duty", "true"));
    expect(api.callsTo("PUT", "/consultations/duty")[0]!.body).toEqual({ onDuty: true });
    expect(screen.getByRole("button", { name: "Go off duty" })).toBeInTheDocument();

    const pool = screen.getByTestId("pool-queue");
    await userEvent.click(await within(pool).findByRole("button", { name: "Accept" }));
    await waitFor(() => expect(app.router().state.location.pathname).toBe("/consultations/p1/call"));
  });

  it("offers to return to the consultation in progress", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
      "GET /consultations/queue": () => ({
        body: queue([item("p1", "Ivan Petrov")], {
          inProgress: { id: "c9", kind: "chat", status: "inProgress", origin: "booked", patientName: "Olga Smirnova" },
        }),
      }),
    });
    renderApp("/doctor/consultations");
    const card = await screen.findByTestId("consultation-in-progress");
    expect(card).toHaveTextContent("Chat consultation with Olga Smirnova");
    expect(within(card).getByRole("link", { name: "Return to call" })).toHaveAttribute("href", "/consultations/c9/call");
    expect(within(screen.getByTestId("pool-queue")).getByRole("button", { name: "Accept" })).toBeDisabled();
  });
});
