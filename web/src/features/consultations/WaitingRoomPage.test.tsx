import { describe, expect, it, vi } from "vitest";
import { configure, act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";
import type { ConsultationView } from "../../shared/api/consultations";
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
// The call page is another feature's; the waiting room only has to open its route.
vi.mock("../calls/CallPage", () => ({ CallPage: () => <h1>Call</h1> }));

const waiting: ConsultationView = {
  id: "c1",
  kind: "video",
  status: "waiting",
  origin: "onDemand",
  specialty: "Therapist",
  queue: { position: 3, estimatedWaitMinutes: 30, escalated: false },
};

function setup(view: () => ConsultationView = () => waiting) {
  return mockApi({
    "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
    "GET /consultations/c1": () => ({ body: view() }),
    "POST /consultations/c1/fail": (req) => ({ body: { ...waiting, status: "failed", queue: null, failureReason: (req.body as { reason: string }).reason } }),
  });
}

describe("waiting room", () => {
  it("says whom a guardian's child's visit is for", async () => {
    setup(() => ({ ...waiting, patientId: "sofia", patientName: "Sofia Kuznetsova" }));
    renderApp("/patient/consultations/c1/waiting");
    expect(await screen.findByTestId("item-for")).toHaveTextContent("For Sofia Kuznetsova");
  });

  it("says for no one on the account's own visit", async () => {
    setup(() => ({ ...waiting, patientId: "own", patientName: null }));
    renderApp("/patient/consultations/c1/waiting");
    expect(await screen.findByTestId("queue-position")).toHaveTextContent("3");
    expect(screen.queryByTestId("item-for")).toBeNull();
  });

  it("shows the place in the queue live and opens the call when a doctor accepts", async () => {
    let status: ConsultationView["status"] = "waiting";
    setup(() => ({ ...waiting, status }));
    const app = renderApp("/patient/consultations/c1/waiting");
    expect(await screen.findByTestId("queue-position")).toHaveTextContent("3");
    expect(screen.getByTestId("queue-estimate")).toHaveTextContent("About 30 minutes");
    // The screen reader's sentence continues after the colon in lower case.
    expect(screen.getByText(/Estimated wait: about 30 minutes\./)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Check your camera and microphone" })).toHaveAttribute("href", "/device-check");

    const conn = hub.connections.at(-1)!;
    await waitFor(() => expect(screen.getByTestId("live-status")).toHaveTextContent("Live"));
    expect(conn.invocations).toContainEqual(["WatchConsultation", "c1"]);

    act(() => conn.emit("queueUpdated", { consultationId: "c1", status: "waiting", position: 1, estimatedWaitMinutes: 5, escalated: false }));
    await waitFor(() => expect(screen.getByTestId("queue-position")).toHaveTextContent("1"));
    expect(screen.getByTestId("queue-estimate")).toHaveTextContent("About 5 minutes");
    expect(screen.getByText("You are next.")).toBeInTheDocument();

    // Escalated: no estimate that contradicts "taking longer than usual".
    act(() => conn.emit("queueUpdated", { consultationId: "c1", status: "waiting", position: 1, estimatedWaitMinutes: 0, escalated: true }));
    await waitFor(() => expect(screen.getByTestId("queue-escalated")).toBeInTheDocument());
    expect(screen.getByTestId("queue-estimate")).toHaveTextContent("Longer than usual");
    expect(screen.queryByText("Any moment now")).not.toBeInTheDocument();

    // Nobody of the specialty on duty: the estimate is null, which is never "any moment now".
    act(() =>
      conn.emit("queueUpdated", { consultationId: "c1", status: "waiting", position: 1, estimatedWaitMinutes: null, escalated: false, nobodyOnDuty: true }),
    );
    await waitFor(() => expect(screen.getByTestId("queue-nobody-on-duty")).toBeInTheDocument());
    expect(screen.getByTestId("queue-estimate")).toHaveTextContent("Not known yet");
    expect(screen.getByText("You are first in line.")).toBeInTheDocument();

    // After a reconnect the hub is asked again.
    act(() => conn.reconnecting!());
    expect(screen.getByTestId("live-status")).toHaveAttribute("data-state", "reconnecting");
    act(() => conn.reconnected!());
    await waitFor(() => expect(conn.invocations.filter(([m]) => m === "WatchConsultation")).toHaveLength(2));

    status = "inProgress";
    act(() => conn.emit("queueUpdated", { consultationId: "c1", status: "inProgress", position: null, estimatedWaitMinutes: null, escalated: true }));
    await waitFor(() => expect(app.router().state.location.pathname).toBe("/consultations/c1/call"));
  });

  it("lets the patient leave the queue after confirming", async () => {
    const api = setup();
    renderApp("/patient/consultations/c1/waiting");
    await screen.findByTestId("queue-position");
    await userEvent.click(screen.getByRole("button", { name: "Leave the queue" }));
    expect(screen.getByRole("alertdialog")).toHaveTextContent("You will lose your place");
    await userEvent.click(screen.getByRole("button", { name: "Stay in the queue" }));
    expect(api.callsTo("POST", "/consultations/c1/fail")).toHaveLength(0);

    await userEvent.click(screen.getByRole("button", { name: "Leave the queue" }));
    await userEvent.click(screen.getByRole("button", { name: "Yes, leave" }));
    expect(await screen.findByText("You left the queue.")).toBeInTheDocument();
    expect(api.callsTo("POST", "/consultations/c1/fail")[0]!.body).toEqual({ reason: "patientLeft" });
    expect(screen.getByTestId("consultation-state")).toHaveAttribute("data-status", "failed");
  });

  it("polls the consultation every 30 seconds as a fallback", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let position = 3;
    const api = setup(() => ({ ...waiting, queue: { position, estimatedWaitMinutes: 10 * position, escalated: false } }));
    renderApp("/patient/consultations/c1/waiting");
    expect(await screen.findByTestId("queue-position")).toHaveTextContent("3");
    position = 2;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(30_000);
    });
    await waitFor(() => expect(screen.getByTestId("queue-position")).toHaveTextContent("2"));
    expect(api.callsTo("GET", "/consultations/c1").length).toBeGreaterThanOrEqual(2);
  });
});
