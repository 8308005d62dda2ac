import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, mockApi, signedInSession } from "../../test/mockApi";
import { renderWithProviders } from "../../test/renderWithProviders";
import { CallPage, PANELS_AFTER_MS } from "./CallPage";
import type { ConsultationView } from "./callsApi";
import { FakeHub, FakePeerConnection, FakeStream, FakeTrack } from "./testFakes";

const hubs: FakeHub[] = [];
vi.mock("./callHub", () => ({
  createCallConnection: () => {
    const hub = new FakeHub();
    hub.answers.JoinCall = () => ({ role: hubRole, peerPresent: false });
    prepareHub?.(hub);
    hubs.push(hub);
    return hub;
  },
}));
vi.mock("../chat/chatHub", () => ({ createChatConnection: () => new FakeHub() }));

let hubRole: "caller" | "callee" = "caller";
let prepareHub: ((hub: FakeHub) => void) | undefined;
const pcs: FakePeerConnection[] = [];
let localTracks: FakeTrack[] = [];

const view = (overrides: Partial<ConsultationView> = {}): ConsultationView => ({
  id: "k1",
  kind: "video",
  status: "inProgress",
  origin: "onDemand",
  specialty: "Cardiology",
  patientName: "Olga Smirnova",
  doctorName: "Dr Ivan Petrov",
  complaintSummary: "Chest, left arm · 8/10 · under an hour · shortness of breath",
  triage: {
    level: "urgent",
    advice: "See a doctor today.",
    firedRules: [{ code: "chest-pain", title: "Chest pain with breathlessness", level: "urgent", source: "NICE CG95" }],
  },
  durationSeconds: null,
  conversationId: "c1",
  ...overrides,
});

/**
 * The server names the patient to the doctor always, and to the patient's side only on a guardian's child's consultation
 * (`forPatient`); the account's own consultation has no name.
 */
function routes(role: "Doctor" | "Patient", state: { status: ConsultationView["status"] }, forPatient: string | null = null) {
  const patientName = role === "Doctor" ? "Olga Smirnova" : forPatient;
  return mockApi({
    "GET /auth/session": () => json(200, signedInSession([role], role === "Doctor" ? "Dr Ivan Petrov" : "Olga Smirnova")),
    "GET /consultations/k1": () => json(200, view({ status: state.status, durationSeconds: state.status === "completed" ? 725 : null, patientName })),
    "GET /consultations/k1/call": () =>
      json(200, {
        callToken: "tok-1",
        expiresAt: "2026-11-23T12:00:00Z",
        role: role === "Doctor" ? "caller" : "callee",
        iceServers: [{ urls: ["stun:stun.example.org"], username: null, credential: null }, { urls: ["turn:turn.example.org"], username: "1:u", credential: "c" }],
        iceTransportPolicy: "all",
      }),
    "GET /consultations/k1/complaint": () =>
      // The server's ComplaintView: the form is nested under `complaint`.
      json(200, {
        consultationId: "k1",
        complaint: { regions: ["chest"], severity: 8, duration: "underAnHour", symptoms: [], description: "Pressing pain since lunch", photoIds: ["p1"] },
        summary: "Chest · 8/10 · under an hour · 1 photo",
        triage: { level: "urgent", advice: "See a doctor today.", firedRules: [] },
      }),
    "GET /consultations/attachments/p1": () => json(200, {}),
    "GET /consultations/k1/notes": () => json(200, { text: "", updatedAt: null }),
    "PUT /consultations/k1/notes": (req) => json(200, { text: (req.body as { text: string }).text, updatedAt: "2026-11-23T10:00:00Z" }),
    "GET /consultations/k1/conversation": () => json(200, { id: "c1", kind: "consultation", consultationId: "k1", patientName: "Olga Smirnova", doctorName: "Dr Ivan Petrov", unread: 0 }),
    "GET /consultations/conversations/c1/messages": () => json(200, []),
    "POST /consultations/k1/end": () => {
      state.status = "completed";
      return json(200, view({ status: "completed", durationSeconds: 725 }));
    },
  });
}

const hub = () => hubs.at(-1)!;
const pc = () => pcs.at(-1)!;

describe("CallPage", () => {
  beforeEach(() => {
    hubs.length = 0;
    pcs.length = 0;
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.stubGlobal(
      "RTCPeerConnection",
      class extends FakePeerConnection {
        constructor(config: RTCConfiguration) {
          super(config);
          pcs.push(this);
        }
      },
    );
    vi.stubGlobal("MediaStream", FakeStream);
    const getUserMedia = vi.fn(async (constraints: MediaStreamConstraints) => {
      const tracks: FakeTrack[] = [];
      if (constraints.audio) tracks.push(new FakeTrack("audio", "mic-1"));
      if (constraints.video) {
        const deviceId = typeof constraints.video === "object" ? String((constraints.video.deviceId as { exact: string }).exact) : "cam-1";
        tracks.push(new FakeTrack("video", deviceId));
      }
      localTracks.push(...tracks);
      return new FakeStream(tracks);
    });
    Object.defineProperty(navigator, "mediaDevices", {
      configurable: true,
      value: {
        getUserMedia,
        enumerateDevices: async () => [
          { kind: "videoinput", deviceId: "cam-1", label: "Front camera" },
          { kind: "videoinput", deviceId: "cam-2", label: "USB camera" },
          { kind: "audioinput", deviceId: "mic-1", label: "Built-in microphone" },
        ],
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      },
    });
    localTracks = [];
  });
  afterEach(() => {
    prepareHub = undefined;
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("media first: the doctor's panels and the chat mount when the patient's video plays, or after a while without it", async () => {
    hubRole = "caller";
    const api = routes("Doctor", { status: "inProgress" });
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    await waitFor(() => expect(hub().invocations).toContainEqual(["JoinCall", "k1", "tok-1"]));
    // The complaint stays (the doctor reads it while the call connects); notes and chat wait, and nothing of theirs is read.
    expect(await screen.findByTestId("complaint-summary")).toBeInTheDocument();
    expect(screen.queryByTestId("consultation-notes")).toBeNull();
    expect(api.callsTo("GET", "/consultations/k1/notes")).toHaveLength(0);
    expect(api.callsTo("GET", "/consultations/k1/conversation")).toHaveLength(0);

    fireEvent.playing(screen.getByTestId("remote-video"));
    expect(await screen.findByTestId("consultation-notes")).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo("GET", "/consultations/k1/conversation")).toHaveLength(1));
  });

  it("media first: without the other side's video the panels come after PANELS_AFTER_MS", async () => {
    hubRole = "caller";
    routes("Doctor", { status: "inProgress" });
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    await waitFor(() => expect(hub().invocations).toContainEqual(["JoinCall", "k1", "tok-1"]));
    expect(screen.queryByTestId("consultation-notes")).toBeNull();
    act(() => vi.advanceTimersByTime(PANELS_AFTER_MS));
    expect(await screen.findByTestId("consultation-notes")).toBeInTheDocument();
  });

  it("doctor: joins, offers when the patient arrives, shows quality and decoded frames, panels, notes autosave, ends with a summary", async () => {
    hubRole = "caller";
    const state = { status: "inProgress" as ConsultationView["status"] };
    const api = routes("Doctor", state);
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });

    await waitFor(() => expect(hub().invocations).toContainEqual(["JoinCall", "k1", "tok-1"]));
    const local = screen.getByTestId("local-video") as HTMLVideoElement;
    expect(local).toHaveAttribute("muted");
    expect(local.muted).toBe(true);
    expect(screen.getByTestId("call-overlay")).toHaveTextContent("Waiting for the other participant to join…");

    act(() => hub().emit("peerJoined", { role: "callee" }));
    await waitFor(() => expect(hub().calls("SendSignal")).toHaveLength(1));
    const [, id, kind, payload] = hub().calls("SendSignal")[0]!;
    expect([id, kind]).toEqual(["k1", "offer"]);
    const offer = JSON.parse(payload as string) as { session: string };
    expect(window.__telemedCall?.peerConnection).toBe(pc());
    expect(pc().config.iceServers).toEqual([{ urls: ["stun:stun.example.org"] }, { urls: ["turn:turn.example.org"], username: "1:u", credential: "c" }]);

    act(() => hub().emit("signal", { kind: "answer", payload: JSON.stringify({ type: "answer", sdp: "answer-sdp", session: offer.session }) }));
    await waitFor(() => expect(pc().remoteDescription).toMatchObject({ sdp: "answer-sdp" }));
    act(() => {
      pc().receiveTrack(new FakeTrack("video"), new FakeStream());
      pc().setIce("connected");
    });

    // Stats: frames every second, quality every two.
    pc().stats = new Map<string, Record<string, unknown>>([
      ["T", { id: "T", type: "transport", selectedCandidatePairId: "P" }],
      ["P", { id: "P", type: "candidate-pair", currentRoundTripTime: 0.04 }],
      ["V", { id: "V", type: "inbound-rtp", kind: "video", packetsReceived: 500, packetsLost: 0, framesDecoded: 42 }],
    ]);
    const quality = screen.getByTestId("network-quality");
    expect(quality).toHaveAttribute("data-quality", "unknown");
    await act(() => vi.advanceTimersByTimeAsync(2100));
    expect(screen.getByTestId("remote-video")).toHaveAttribute("data-frames-decoded", "42");
    expect(quality).toHaveAttribute("data-quality", "good");
    expect(quality).toHaveTextContent("Connection: Good");

    // Controls.
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(screen.getByRole("button", { name: "Turn camera off" }));
    expect(localTracks.find((t) => t.kind === "video")!.enabled).toBe(false);
    expect(screen.getByRole("button", { name: "Turn camera on" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Mute microphone" }));
    expect(localTracks.find((t) => t.kind === "audio")!.enabled).toBe(false);
    expect(screen.getByRole("button", { name: "Unmute microphone" })).toBeInTheDocument();

    // Device change: the new camera goes into the same sender (no new offer).
    await user.selectOptions(await screen.findByLabelText("Camera"), "cam-2");
    await waitFor(() => expect(pc().transceivers.find((t) => t.receiver.track.kind === "video")!.sender.track?.deviceId).toBe("cam-2"));
    expect(localTracks.find((t) => t.deviceId === "cam-1")!.stopped).toBe(true);
    expect(localTracks.find((t) => t.deviceId === "cam-2")!.enabled).toBe(false); // the camera stays off
    expect(hub().calls("SendSignal").filter(([, , k]) => k === "offer")).toHaveLength(1);

    // Reconnecting: signaling and ICE.
    act(() => hub().reconnecting!());
    expect(screen.getByTestId("call-reconnecting")).toHaveTextContent("Reconnecting…");
    hub().answers.JoinCall = () => ({ role: "caller", peerPresent: true });
    act(() => hub().reconnected!());
    await waitFor(() => expect(hub().calls("JoinCall")).toHaveLength(2));
    expect(screen.queryByTestId("call-reconnecting")).not.toBeInTheDocument();
    act(() => pc().setIce("disconnected"));
    expect(screen.getByTestId("call-reconnecting")).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(3100));
    const restart = JSON.parse(hub().calls("SendSignal").at(-1)![3] as string) as { restart: boolean };
    expect(restart.restart).toBe(true);
    act(() => pc().setIce("connected"));
    expect(screen.queryByTestId("call-reconnecting")).not.toBeInTheDocument();

    // Doctor-only panels.
    const complaint = screen.getByTestId("complaint-summary");
    expect(complaint).toHaveTextContent("Chest, left arm · 8/10 · under an hour · shortness of breath");
    expect(within(complaint).getByTestId("triage-level")).toHaveAttribute("data-level", "urgent");
    expect(complaint).toHaveTextContent("Chest pain with breathlessness");
    expect(await within(complaint).findByRole("img", { name: "Photo 1 from the patient" })).toBeInTheDocument();
    expect(within(complaint).getByTestId("complaint-description")).toHaveTextContent("Pressing pain since lunch");
    // Advice written for the patient is not shown to the doctor; the rules that fired are.
    expect(complaint).not.toHaveTextContent("See a doctor today.");
    const notes = await screen.findByLabelText("Consultation notes");
    expect(notes).toHaveAttribute("data-testid", "consultation-notes");
    expect(notes).toHaveAttribute("dir", "auto");
    await waitFor(() => expect(notes).toBeEnabled());
    await user.type(notes, "BP 140/90");
    expect(api.callsTo("PUT", "/consultations/k1/notes")).toHaveLength(0);
    await act(() => vi.advanceTimersByTimeAsync(900));
    await waitFor(() => expect(screen.getByTestId("notes-status")).toHaveTextContent("Saved"));
    expect(api.callsTo("PUT", "/consultations/k1/notes").map((c) => c.body)).toEqual([{ text: "BP 140/90" }]);
    expect(screen.getByTestId("chat-panel")).toBeInTheDocument();

    // End call, confirmed.
    await user.click(screen.getByRole("button", { name: "End call" }));
    const dialog = screen.getByRole("alertdialog", { name: "End the consultation?" });
    await user.click(within(dialog).getByRole("button", { name: "End consultation" }));
    const ended = await screen.findByTestId("consultation-ended");
    expect(ended).toHaveAttribute("data-status", "completed");
    expect(ended).toHaveTextContent("Completed");
    expect(ended).toHaveTextContent("12 min 5 s");
    expect(api.callsTo("POST", "/consultations/k1/end")).toHaveLength(1);
    expect(localTracks.filter((t) => t.deviceId !== "cam-1").every((t) => t.stopped)).toBe(true);
    expect(pcs.every((p) => p.closed)).toBe(true);
  });

  it("patient: answers the doctor's offer, leaves and rejoins, and sees the summary when the doctor ends", async () => {
    hubRole = "callee";
    const state = { status: "inProgress" as ConsultationView["status"] };
    routes("Patient", state);
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    await waitFor(() => expect(hub().invocations).toContainEqual(["JoinCall", "k1", "tok-1"]));
    expect(screen.queryByTestId("complaint-summary")).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Consultation notes")).not.toBeInTheDocument();

    act(() => hub().emit("peerJoined", { role: "caller" }));
    act(() => hub().emit("signal", { kind: "offer", payload: JSON.stringify({ type: "offer", sdp: "offer-sdp", session: "s1", restart: false }) }));
    await waitFor(() => expect(hub().calls("SendSignal").map(([, , k]) => k)).toEqual(["answer"]));
    expect(pc().remoteDescription).toMatchObject({ type: "offer", sdp: "offer-sdp" });

    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(screen.getByRole("button", { name: "End call" }));
    // The patient is asked first; Leave the call confirms.
    const dialog = await screen.findByRole("alertdialog", { name: "Leave the call?" });
    expect(hub().calls("LeaveCall")).toEqual([]);
    await user.click(within(dialog).getByRole("button", { name: "Leave the call" }));
    expect(await screen.findByText("You left the call; the doctor can call you back")).toBeInTheDocument();
    expect(hub().calls("LeaveCall")).toEqual([["LeaveCall", "k1"]]);
    expect(hub().calls("SendSignal").map(([, , k]) => k)).toEqual(["answer", "bye"]);
    expect(localTracks.every((t) => t.stopped)).toBe(true);

    await user.click(screen.getByRole("button", { name: "Rejoin" }));
    await waitFor(() => expect(hub().calls("JoinCall")).toHaveLength(2));
    expect(screen.queryByTestId("call-left")).not.toBeInTheDocument();

    state.status = "completed";
    act(() => hub().emit("callEnded", { consultationId: "k1", status: "completed" }));
    const ended = await screen.findByTestId("consultation-ended");
    await waitFor(() => expect(ended).toHaveTextContent("12 min 5 s"));
    expect(localTracks.every((t) => t.stopped)).toBe(true);
  });

  it("patient: an offer relayed before JoinCall's own answer is handled", async () => {
    hubRole = "callee";
    routes("Patient", { status: "inProgress" });
    const offer = { kind: "offer", payload: JSON.stringify({ type: "offer", sdp: "early-offer", session: "s1", restart: false }) };
    prepareHub = (h) => {
      h.answers.JoinCall = () => {
        h.emit("signal", offer);
        return { role: "callee", peerPresent: true };
      };
    };
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    await waitFor(() => expect(hub().calls("SendSignal").map(([, , k]) => k)).toEqual(["answer"]));
    expect(pc().remoteDescription).toMatchObject({ sdp: "early-offer" });
  });

  it("shows a readable reason when the camera permission is denied and still joins", async () => {
    hubRole = "callee";
    routes("Patient", { status: "inProgress" });
    (navigator.mediaDevices.getUserMedia as ReturnType<typeof vi.fn>).mockRejectedValue(new DOMException("denied", "NotAllowedError"));
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    const error = await screen.findByTestId("media-error");
    expect(error).toHaveAttribute("data-reason", "permissionDenied");
    expect(error).toHaveTextContent("Permission denied");
    await waitFor(() => expect(hub().calls("JoinCall")).toHaveLength(1));
    // With no camera or microphone the toggles stay, disabled, and say why.
    const camera = screen.getByRole("button", { name: "Turn camera off" });
    expect(camera).toBeDisabled();
    expect(camera).toHaveAccessibleDescription(/No camera is in use/);
    expect(screen.getByTestId("call-camera-why")).toBeVisible();
    expect(screen.getByRole("button", { name: "Mute microphone" })).toHaveAccessibleDescription(/No microphone is in use/);
  });

  it("guardian: a child's call, and its summary once ended, say whom it is for; the account's own call does not", async () => {
    hubRole = "callee";
    const state = { status: "inProgress" as ConsultationView["status"] };
    routes("Patient", state, "Sofia Kuznetsova");
    const { unmount } = renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    await waitFor(() => expect(hub().invocations).toContainEqual(["JoinCall", "k1", "tok-1"]));
    expect(screen.getByTestId("item-for")).toHaveTextContent("For Sofia Kuznetsova");
    unmount();

    state.status = "completed";
    const ended = renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    await screen.findByTestId("consultation-ended");
    expect(screen.getByTestId("item-for")).toHaveTextContent("For Sofia Kuznetsova");
    ended.unmount();

    routes("Patient", { status: "inProgress" });
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    await waitFor(() => expect(hub().invocations).toContainEqual(["JoinCall", "k1", "tok-1"]));
    expect(screen.getByRole("heading", { level: 1 })).toBeInTheDocument();
    expect(screen.queryByTestId("item-for")).not.toBeInTheDocument();
  });

  it("guardian: a child's chat consultation says whom it is for", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"], "Ivan Kuznetsov")),
      "GET /consultations/k1": () => json(200, view({ kind: "chat", patientName: "Sofia Kuznetsova" })),
      "GET /consultations/k1/conversation": () =>
        json(200, { id: "c1", kind: "consultation", consultationId: "k1", patientName: "Sofia Kuznetsova", doctorName: "Dr Ivan Petrov", unread: 0, forDependant: true }),
      "GET /consultations/conversations/c1/messages": () => json(200, []),
    });
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call", language: "ru" });
    expect(await screen.findByTestId("chat-mode")).toBeInTheDocument();
    expect(screen.getByTestId("item-for")).toHaveTextContent("Sofia Kuznetsova");
    expect(screen.getByTestId("item-for")).not.toHaveTextContent("For ");
  });

  it("doctor: the call names the patient once, not as a guardian's child", async () => {
    hubRole = "caller";
    routes("Doctor", { status: "inProgress" });
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    await waitFor(() => expect(hub().invocations).toContainEqual(["JoinCall", "k1", "tok-1"]));
    expect(screen.getByText("Olga Smirnova")).toBeInTheDocument();
    expect(screen.queryByTestId("item-for")).not.toBeInTheDocument();
  });

  it("shows the summary straight away for a consultation that already ended", async () => {
    hubRole = "callee";
    routes("Patient", { status: "completed" });
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    const ended = await screen.findByTestId("consultation-ended");
    expect(ended).toHaveAttribute("data-status", "completed");
    expect(hubs).toHaveLength(0);
  });
  it("chat consultation: opens as a chat without camera or microphone, and turns to video only when the other side accepts", async () => {
    hubRole = "caller";
    const state = { status: "inProgress" as ConsultationView["status"], kind: "chat" as ConsultationView["kind"] };
    prepareHub = (hub) => {
      hub.answers.WatchCall = () => ({ kind: state.kind, proposedBy: null });
      hub.answers.AnswerVideo = () => {
        state.kind = "video";
        hub.emit("videoAnswered", { consultationId: "k1", accepted: true });
        return null;
      };
    };
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"], "Dr Ivan Petrov")),
      "GET /consultations/k1": () => json(200, view({ kind: state.kind })),
      "GET /consultations/k1/complaint": () => json(404, { code: "consultation.not_found" }),
      "GET /consultations/k1/history": () => json(200, []),
      "GET /consultations/k1/notes": () => json(200, { text: "", updatedAt: null }),
      "GET /consultations/k1/conversation": () => json(200, { id: "c1", kind: "consultation", consultationId: "k1", patientName: "Olga Smirnova", doctorName: "Dr Ivan Petrov", unread: 0 }),
      "GET /consultations/conversations/c1/messages": () => json(200, []),
      "GET /consultations/k1/call": () =>
        json(200, { callToken: "tok-1", expiresAt: "2026-11-23T12:00:00Z", role: "caller", iceServers: [], iceTransportPolicy: "all" }),
    });
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });

    expect(await screen.findByTestId("chat-mode")).toBeInTheDocument();
    await waitFor(() => expect(hub().invocations).toContainEqual(["WatchCall", "k1"]));
    expect(screen.queryByTestId("local-video")).not.toBeInTheDocument();
    expect(navigator.mediaDevices.getUserMedia).not.toHaveBeenCalled();

    // The patient proposes; the doctor is asked, and nothing turns on before accepting.
    act(() => hub().emit("videoProposed", { consultationId: "k1", by: "patient" }));
    const proposal = screen.getByTestId("video-proposal");
    expect(proposal).toHaveTextContent("The patient proposes to switch to video.");
    expect(navigator.mediaDevices.getUserMedia).not.toHaveBeenCalled();

    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(within(proposal).getByRole("button", { name: "Accept video" }));
    // Asked on the chat's hub (the call's own hub may already be connecting by now).
    expect(hubs.flatMap((h) => h.invocations)).toContainEqual(["AnswerVideo", "k1", true]);
    expect(await screen.findByTestId("local-video")).toBeInTheDocument();
    await waitFor(() => expect(navigator.mediaDevices.getUserMedia).toHaveBeenCalled());
  });

  it("chat consultation: once ended it is still called a chat consultation, in the heading and the page title (en and ru)", async () => {
    for (const [language, heading] of [["en", "Chat consultation"], ["ru", "Консультация в чате"]] as const) {
      mockApi({
        "GET /auth/session": () => json(200, signedInSession(["Doctor"], "Dr Ivan Petrov")),
        "GET /consultations/k1": () => json(200, view({ kind: "chat", status: "completed", durationSeconds: 125 })),
      });
      const { unmount } = renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call", language });
      expect(await screen.findByRole("heading", { level: 1 })).toHaveTextContent(heading);
      await waitFor(() => expect(document.title.startsWith(heading)).toBe(true));
      unmount();
    }
  });

  it("chat consultation: only the answer being sent shows it is working; the other answer waits disabled", async () => {
    hubRole = "caller";
    let answered: () => void = () => {};
    prepareHub = (hub) => {
      hub.answers.WatchCall = () => ({ kind: "chat", proposedBy: "patient" });
      hub.answers.AnswerVideo = () => new Promise<void>((resolve) => (answered = resolve));
    };
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"], "Dr Ivan Petrov")),
      "GET /consultations/k1": () => json(200, view({ kind: "chat" })),
      "GET /consultations/k1/complaint": () => json(404, { code: "consultation.not_found" }),
      "GET /consultations/k1/history": () => json(200, []),
      "GET /consultations/k1/notes": () => json(200, { text: "", updatedAt: null }),
      "GET /consultations/k1/conversation": () => json(200, { id: "c1", kind: "consultation", consultationId: "k1", patientName: "Olga Smirnova", doctorName: "Dr Ivan Petrov", unread: 0 }),
      "GET /consultations/conversations/c1/messages": () => json(200, []),
    });
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    const proposal = await screen.findByTestId("video-proposal");
    const accept = await within(proposal).findByRole("button", { name: "Accept video" });
    const decline = within(proposal).getByRole("button", { name: "Not now" });
    await waitFor(() => expect(hub().invocations).toContainEqual(["WatchCall", "k1"]));

    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(decline);
    expect(decline).toBeDisabled();
    expect(decline).toHaveAttribute("aria-busy", "true");
    expect(accept).toBeDisabled();
    expect(accept).not.toHaveAttribute("aria-busy");
    expect(within(proposal).getAllByTestId("busy-announcement").map((a) => a.textContent)).toEqual(["", "Working…"]);
    // A second click while the first answer is out sends nothing more.
    await user.click(accept);
    expect(hubs.flatMap((h) => h.calls("AnswerVideo"))).toEqual([["AnswerVideo", "k1", false]]);

    await act(async () => answered());
    for (const button of [accept, decline]) {
      expect(button).toBeEnabled();
      expect(button).not.toHaveAttribute("aria-busy");
    }
    expect(within(proposal).getAllByTestId("busy-announcement").map((a) => a.textContent)).toEqual(["", ""]);
  });
});
