import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, mockApi, problem, signedInSession, type MockResult } from "../../test/mockApi";
import { renderWithProviders } from "../../test/renderWithProviders";
import { CallPage } from "./CallPage";
import type { CallRecordingState, ConsultationView } from "./callsApi";
import { FakeHub, FakePeerConnection, FakeStream, FakeTrack } from "./testFakes";

/* Call recording with the patient's consent (issue 16 item 4) and the group-call switch on the call page. */

const hubs: FakeHub[] = [];
let hubRole: "caller" | "callee" = "caller";
vi.mock("./callHub", () => ({
  createCallConnection: () => {
    const hub = new FakeHub();
    hub.answers.JoinCall = () => ({ role: hubRole, peerPresent: false });
    hubs.push(hub);
    return hub;
  },
}));
vi.mock("../chat/chatHub", () => ({ createChatConnection: () => new FakeHub() }));

const VERSION = "call-recording-consent-2026-12";

const view: ConsultationView = {
  id: "k1",
  kind: "video",
  status: "inProgress",
  origin: "onDemand",
  specialty: "Cardiology",
  patientName: "Olga Smirnova",
  doctorName: "Dr Anna Novak",
  complaintSummary: "Chest",
  triage: null,
  durationSeconds: null,
  conversationId: "c1",
};

const recording = (overrides: Partial<CallRecordingState> = {}): CallRecordingState => ({
  offered: true,
  recordingId: null,
  status: "none",
  consentVersion: VERSION,
  requestedAt: null,
  consentedAt: null,
  ...overrides,
});

interface State {
  groupCalls: boolean;
  recording: CallRecordingState;
}

function routes(role: "Doctor" | "Patient", state: State, extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    "GET /auth/session": () => json(200, signedInSession([role], role === "Doctor" ? "Dr Anna Novak" : "Olga Smirnova")),
    "GET /consultations/k1": () => json(200, view),
    "GET /consultations/k1/call": () =>
      json(200, {
        callToken: "tok-1",
        expiresAt: "2026-12-02T05:00:00Z",
        role: role === "Doctor" ? "caller" : "callee",
        iceServers: [],
        iceTransportPolicy: "all",
        media: "peer",
        sfu: null,
        groupCalls: state.groupCalls,
        recording: state.recording,
      }),
    "GET /consultations/k1/recording": () => json(200, state.recording),
    "GET /consultations/k1/guests": () => json(200, []),
    "GET /consultations/k1/complaint": () => json(404, { code: "consultation.not_found" }),
    "GET /consultations/k1/history": () => json(200, []),
    "GET /consultations/k1/notes": () => json(200, { text: "", updatedAt: null }),
    "GET /consultations/k1/conversation": () => json(200, { id: "c1", kind: "consultation", consultationId: "k1", patientName: "Olga Smirnova", doctorName: "Dr Anna Novak", unread: 0 }),
    "GET /consultations/conversations/c1/messages": () => json(200, []),
    ...extra,
  });
}

const hub = () => hubs.at(-1)!;
const open = () => renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
const joined = () => waitFor(() => expect(hub().invocations).toContainEqual(["JoinCall", "k1", "tok-1"]));

describe("CallPage — recording with consent", () => {
  beforeEach(() => {
    hubs.length = 0;
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.stubGlobal("RTCPeerConnection", FakePeerConnection);
    vi.stubGlobal("MediaStream", FakeStream);
    Object.defineProperty(navigator, "mediaDevices", {
      configurable: true,
      value: {
        getUserMedia: vi.fn(async (constraints: MediaStreamConstraints) => {
          const tracks: FakeTrack[] = [];
          if (constraints.audio) tracks.push(new FakeTrack("audio", "mic-1"));
          if (constraints.video) tracks.push(new FakeTrack("video", "cam-1"));
          return new FakeStream(tracks);
        }),
        enumerateDevices: async () => [],
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      },
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("doctor: no invite form without group calls; the panel is there when the clinic has an SFU", async () => {
    hubRole = "caller";
    routes("Doctor", { groupCalls: false, recording: recording({ offered: false }) });
    const first = open();
    await joined();
    await screen.findByTestId("recording-bar");
    expect(screen.queryByTestId("participants-panel")).not.toBeInTheDocument();
    expect(screen.queryByTestId("invite-guest-form")).not.toBeInTheDocument();
    first.unmount();

    routes("Doctor", { groupCalls: true, recording: recording({ offered: false }) });
    open();
    expect(await screen.findByTestId("participants-panel")).toBeInTheDocument();
  });

  it("doctor: no record control when recording is not offered", async () => {
    hubRole = "caller";
    routes("Doctor", { groupCalls: true, recording: recording({ offered: false }) });
    open();
    await joined();
    await screen.findByTestId("recording-bar");
    expect(screen.queryByTestId("record-call")).not.toBeInTheDocument();
    expect(screen.queryByTestId("stop-recording")).not.toBeInTheDocument();
    expect(screen.queryByTestId("recording-indicator")).not.toBeInTheDocument();
  });

  it("doctor: asks to record, waits for consent, sees the indicator on recordingChanged, stops", async () => {
    hubRole = "caller";
    const state: State = { groupCalls: true, recording: recording() };
    const api = routes("Doctor", state, {
      "POST /consultations/k1/recording": () => {
        state.recording = recording({ status: "requested", recordingId: "r1", requestedAt: "2026-12-02T06:00:00Z" });
        return json(201, state.recording);
      },
      "POST /consultations/k1/recording/stop": () => {
        state.recording = recording({ status: "stopped", recordingId: "r1" });
        return json(200, state.recording);
      },
    });
    open();
    await joined();
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(await screen.findByRole("button", { name: "Ask to record" }));
    expect(await screen.findByTestId("recording-waiting")).toHaveTextContent("Waiting for the patient's consent…");
    expect(screen.queryByTestId("record-call")).not.toBeInTheDocument();
    expect(screen.queryByTestId("recording-indicator")).not.toBeInTheDocument();
    expect(api.callsTo("POST", "/consultations/k1/recording")).toHaveLength(1);

    // The patient agreed: the hub says so and the page reads the state again.
    state.recording = recording({ status: "recording", recordingId: "r1", consentedAt: "2026-12-02T06:00:10Z" });
    act(() => hub().emit("recordingChanged", { consultationId: "k1" }));
    const indicator = await screen.findByTestId("recording-indicator");
    expect(indicator).toHaveTextContent("● Recording");
    expect(indicator).toHaveAttribute("role", "status");
    expect(indicator).toHaveAttribute("aria-live", "polite");
    expect(screen.queryByTestId("recording-waiting")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("stop-recording"));
    await waitFor(() => expect(screen.queryByTestId("recording-indicator")).not.toBeInTheDocument());
    expect(api.callsTo("POST", "/consultations/k1/recording/stop")).toHaveLength(1);
    expect(screen.getByTestId("record-call")).toBeInTheDocument();
  });

  it("doctor: a refused request shows the server's reason", async () => {
    hubRole = "caller";
    routes("Doctor", { groupCalls: true, recording: recording() }, { "POST /consultations/k1/recording": () => problem(409, "consultation.recording_not_allowed") });
    open();
    await joined();
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(await screen.findByTestId("record-call"));
    const error = await screen.findByTestId("recording-error");
    expect(error).toHaveTextContent("Recording is not allowed in this clinic.");
    expect(error).toHaveAttribute("data-code", "consultation.recording_not_allowed");
  });

  it("patient: the consent dialog shows the text of the version asked for and posts that version when accepted; then withdraws", async () => {
    hubRole = "callee";
    const state: State = { groupCalls: true, recording: recording({ status: "requested", recordingId: "r1", requestedAt: "2026-12-02T06:00:00Z" }) };
    const api = routes("Patient", state, {
      "POST /consultations/k1/recording/consent": (req) => {
        const body = req.body as { accept: boolean };
        state.recording = recording({ status: body.accept ? "recording" : "declined", recordingId: "r1" });
        return json(200, state.recording);
      },
      "POST /consultations/k1/recording/stop": () => {
        state.recording = recording({ status: "stopped", recordingId: "r1" });
        return json(200, state.recording);
      },
    });
    open();
    await joined();
    const dialog = await screen.findByRole("dialog", { name: "May we record this call?" });
    expect(dialog).toHaveAttribute("data-testid", "recording-consent-dialog");
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(dialog).toHaveTextContent("the video and sound of everyone in the call");
    expect(dialog).toHaveTextContent("you and the care team");
    expect(dialog).toHaveTextContent("stored encrypted and deleted after the clinic's retention period");
    expect(dialog).toHaveTextContent("withdraw your consent at any moment");
    expect(screen.queryByTestId("recording-indicator")).not.toBeInTheDocument();
    expect(screen.queryByTestId("participants-panel")).not.toBeInTheDocument();

    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(within(dialog).getByTestId("recording-consent-accept"));
    await waitFor(() => expect(screen.queryByTestId("recording-consent-dialog")).not.toBeInTheDocument());
    expect(api.callsTo("POST", "/consultations/k1/recording/consent").map((c) => c.body)).toEqual([{ consentVersion: VERSION, accept: true }]);
    expect(await screen.findByTestId("recording-indicator")).toBeInTheDocument();

    const withdraw = screen.getByTestId("stop-recording");
    expect(withdraw).toHaveTextContent("Stop recording (withdraw consent)");
    await user.click(withdraw);
    await waitFor(() => expect(screen.queryByTestId("recording-indicator")).not.toBeInTheDocument());
    expect(api.callsTo("POST", "/consultations/k1/recording/stop")).toHaveLength(1);
    expect(screen.queryByTestId("record-call")).not.toBeInTheDocument();
  });

  it("patient: declines; an outdated consent text is said and the newer one is read again", async () => {
    hubRole = "callee";
    const state: State = { groupCalls: false, recording: recording({ status: "requested", recordingId: "r1", consentVersion: "call-recording-consent-2025-01" }) };
    let answers = 0;
    const api = routes("Patient", state, {
      "POST /consultations/k1/recording/consent": (req) => {
        answers += 1;
        if (answers === 1) {
          state.recording = recording({ status: "requested", recordingId: "r1" });
          return problem(409, "consultation.recording_consent_outdated");
        }
        state.recording = recording({ status: (req.body as { accept: boolean }).accept ? "recording" : "declined", recordingId: "r1" });
        return json(200, state.recording);
      },
    });
    open();
    await joined();
    // A version this app has no text for: it cannot be accepted unread.
    const dialog = await screen.findByTestId("recording-consent-dialog");
    expect(within(dialog).getByTestId("recording-consent-unknown")).toBeInTheDocument();
    expect(within(dialog).getByTestId("recording-consent-accept")).toBeDisabled();
    expect(within(dialog).getByTestId("recording-consent-accept")).toHaveAccessibleDescription(
      within(dialog).getByTestId("recording-consent-unknown").textContent!,
    );

    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(within(dialog).getByTestId("recording-consent-decline"));
    expect(await screen.findByTestId("recording-error")).toHaveTextContent("The consent text has changed");
    await waitFor(() => expect(screen.getByTestId("recording-consent-dialog")).toHaveAttribute("data-consent-version", VERSION));

    await user.click(screen.getByTestId("recording-consent-decline"));
    await waitFor(() => expect(screen.queryByTestId("recording-consent-dialog")).not.toBeInTheDocument());
    expect(api.callsTo("POST", "/consultations/k1/recording/consent").map((c) => c.body)).toEqual([
      { consentVersion: "call-recording-consent-2025-01", accept: false },
      { consentVersion: VERSION, accept: false },
    ]);
    expect(screen.queryByTestId("recording-indicator")).not.toBeInTheDocument();
    expect(screen.queryByTestId("stop-recording")).not.toBeInTheDocument();
  });
  it("patient: only the answer clicked shows it is working while it is sent; the other waits disabled", async () => {
    hubRole = "callee";
    const state: State = { groupCalls: false, recording: recording({ status: "requested", recordingId: "r1" }) };
    let answer: (result: MockResult) => void = () => {};
    routes("Patient", state, { "POST /consultations/k1/recording/consent": () => new Promise<MockResult>((resolve) => (answer = resolve)) });
    open();
    await joined();
    const dialog = await screen.findByTestId("recording-consent-dialog");
    const accept = within(dialog).getByTestId("recording-consent-accept");
    const decline = within(dialog).getByTestId("recording-consent-decline");

    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(accept);
    expect(accept).toBeDisabled();
    expect(accept).toHaveAttribute("aria-busy", "true");
    expect(decline).toBeDisabled();
    expect(decline).not.toHaveAttribute("aria-busy");
    expect(within(dialog).getAllByTestId("busy-announcement").map((a) => a.textContent)).toEqual(["Working…", ""]);

    answer(problem(409, "consultation.recording_consent_outdated"));
    expect(await within(dialog).findByTestId("recording-error")).toHaveTextContent("The consent text has changed");
    for (const button of [accept, decline]) {
      expect(button).toBeEnabled();
      expect(button).not.toHaveAttribute("aria-busy");
    }
    expect(within(dialog).getAllByTestId("busy-announcement").map((a) => a.textContent)).toEqual(["", ""]);
  });

  it("reads the recording state again after the hub reconnects (a recordingChanged may have been missed)", async () => {
    hubRole = "callee";
    const state: State = { groupCalls: true, recording: recording() };
    const api = routes("Patient", state);
    open();
    await joined();
    await screen.findByTestId("recording-bar");
    expect(screen.queryByTestId("recording-indicator")).not.toBeInTheDocument();

    state.recording = recording({ status: "recording", recordingId: "r1" });
    const reads = api.callsTo("GET", "/consultations/k1/recording").length;
    act(() => hub().reconnecting!());
    act(() => hub().reconnected!());
    await waitFor(() => expect(api.callsTo("GET", "/consultations/k1/recording").length).toBeGreaterThan(reads));
    expect(await screen.findByTestId("recording-indicator")).toBeInTheDocument();
    expect(screen.getByTestId("stop-recording")).toHaveTextContent("Stop recording (withdraw consent)");
  });
});
