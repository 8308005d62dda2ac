import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, mockApi, problem, signedInSession, type MockHandler, type MockResult } from "../../test/mockApi";
import { renderWithProviders } from "../../test/renderWithProviders";
import { CallPage } from "./CallPage";
import type { CallGuest, ConsultationView } from "./callsApi";
import { FakeHub, FakePeerConnection, FakeStream, FakeTrack } from "./testFakes";
import { FakeJanus } from "./sfu/fakeJanus";
import type { JanusSessionOptions } from "./sfu/sfuTypes";

/* The call page when the call goes through Janus (issue 16): at load or after the hub's mediaChanged. */

const hubs: FakeHub[] = [];
let hubRole: "caller" | "callee" = "caller";
vi.mock("./callHub", () => ({
  createCallConnection: () => {
    const hub = new FakeHub();
    hub.answers.JoinCall = () => ({ role: hubRole, peerPresent: true });
    hubs.push(hub);
    return hub;
  },
}));
vi.mock("../chat/chatHub", () => ({ createChatConnection: () => new FakeHub() }));
const janusSessions: FakeJanus[] = [];
vi.mock("./sfu/janusClient", () => ({
  connectJanus: async (options: JanusSessionOptions) => {
    const janus = new FakeJanus(options);
    janusSessions.push(janus);
    return janus;
  },
}));

const pcs: FakePeerConnection[] = [];
let localTracks: FakeTrack[] = [];
let screenTracks: FakeTrack[] = [];
const hub = () => hubs.at(-1)!;
const janus = () => janusSessions.at(-1)!;

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

const sfu = (display: string, feedId: number) => ({ server: "ws://10.99.0.1:8188", token: `janus-${feedId}`, room: 4321, feedId, screenFeedId: feedId + 1, display });

interface CallState {
  media: "peer" | "sfu";
  guests: CallGuest[];
  patientMayShareScreen?: boolean;
  putScreenSharing?: MockHandler;
}

function routes(role: "Doctor" | "Patient", state: CallState) {
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
        media: state.media,
        groupCalls: true,
        sfu: state.media === "sfu" ? (role === "Doctor" ? sfu("Dr Anna Novak", 101) : sfu("Olga Smirnova", 202)) : null,
        patientMayShareScreen: state.patientMayShareScreen ?? false,
      }),
    "PUT /consultations/k1/screen-sharing": (req) =>
      state.putScreenSharing ? state.putScreenSharing(req) : json(200, { patientAllowed: (req.body as { patientAllowed: boolean }).patientAllowed }),
    "GET /consultations/k1/guests": () => json(200, state.guests),
    "GET /consultations/k1/complaint": () => json(404, { code: "consultation.not_found" }),
    "GET /consultations/k1/history": () => json(200, []),
    "GET /consultations/k1/notes": () => json(200, { text: "", updatedAt: null }),
    "GET /consultations/k1/conversation": () => json(200, { id: "c1", kind: "consultation", consultationId: "k1", patientName: "Olga Smirnova", doctorName: "Dr Anna Novak", unread: 0 }),
    "GET /consultations/conversations/c1/messages": () => json(200, []),
  });
}

const maria: CallGuest = { guestId: "g1", displayName: "Maria Interpreter", role: "interpreter", status: "admitted", invitedAt: "2026-12-02T03:00:00Z" };

describe("CallPage — group calls through Janus", () => {
  beforeEach(() => {
    hubs.length = 0;
    pcs.length = 0;
    janusSessions.length = 0;
    localTracks = [];
    screenTracks = [];
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
    Object.defineProperty(navigator, "mediaDevices", {
      configurable: true,
      value: {
        getUserMedia: vi.fn(async (constraints: MediaStreamConstraints) => {
          const tracks: FakeTrack[] = [];
          if (constraints.audio) tracks.push(new FakeTrack("audio", "mic-1"));
          if (constraints.video) tracks.push(new FakeTrack("video", "cam-1"));
          localTracks.push(...tracks);
          return new FakeStream(tracks);
        }),
        getDisplayMedia: vi.fn(async () => {
          const track = new FakeTrack("video", "screen");
          screenTracks.push(track);
          return new FakeStream([track]);
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

  it("doctor: moves from the peer connection to Janus on mediaChanged, shows a tile per feed, shares the screen, re-reads guests on guestsChanged", async () => {
    hubRole = "caller";
    const state = { media: "peer" as "peer" | "sfu", guests: [] as CallGuest[] };
    const api = routes("Doctor", state);
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    await waitFor(() => expect(hub().invocations).toContainEqual(["JoinCall", "k1", "tok-1"]));
    await waitFor(() => expect(pcs).toHaveLength(1));
    expect(screen.getByTestId("remote-video")).toBeInTheDocument();
    expect(await screen.findByTestId("participants-panel")).toBeInTheDocument();

    // The doctor admitted a guest: the host says so.
    state.guests = [maria];
    const guestReads = api.callsTo("GET", "/consultations/k1/guests").length;
    act(() => hub().emit("guestsChanged", { consultationId: "k1" }));
    await waitFor(() => expect(api.callsTo("GET", "/consultations/k1/guests").length).toBeGreaterThan(guestReads));
    expect(await screen.findByTestId("guest-row")).toHaveAttribute("data-status", "admitted");

    state.media = "sfu";
    act(() => hub().emit("mediaChanged", { consultationId: "k1", media: "sfu" }));
    await waitFor(() => expect(janusSessions).toHaveLength(1));
    expect(pcs[0]!.closed).toBe(true);
    expect(screen.queryByTestId("remote-video")).not.toBeInTheDocument();
    expect(janus().options.token).toBe("janus-101");
    const publisher = janus().handles[0]!;
    expect(publisher.lastRequest()).toMatchObject({ request: "join", ptype: "publisher", room: 4321, id: 101, display: "Dr Anna Novak", token: "janus-101" });
    // The same camera and microphone are published.
    expect(screen.getByTestId("local-video")).toBeInTheDocument();
    act(() =>
      publisher.message({
        videoroom: "joined",
        id: 101,
        private_id: 1,
        publishers: [
          { id: 202, display: "Olga Smirnova" },
          { id: 303, display: "Maria Interpreter" },
        ],
      }),
    );
    const tiles = await screen.findAllByTestId("sfu-tile");
    expect(tiles.map((t) => t.getAttribute("data-display"))).toEqual(["Olga Smirnova", "Maria Interpreter"]);
    expect(publisher.offers[0]!.map((t) => t.capture)).toEqual(localTracks.slice(0, 2));

    // Controls still work on the same tracks.
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const stage = screen.getByTestId("sfu-stage");
    await user.click(within(stage).getByRole("button", { name: "Mute microphone" }));
    expect(localTracks.find((t) => t.kind === "audio")!.enabled).toBe(false);

    // Screen sharing: a second publisher handle named "<name> (screen)".
    await user.click(screen.getByRole("button", { name: "Share screen" }));
    await waitFor(() => expect(janus().handles).toHaveLength(4));
    const screenHandle = janus().handles[3]!;
    expect(screenHandle.lastRequest()).toMatchObject({ request: "join", ptype: "publisher", id: 102, display: "Dr Anna Novak (screen)", token: "janus-101" });
    expect(await screen.findByTestId("sfu-own-screen")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Stop sharing" }));
    expect(screenHandle.detached).toBe(true);

    // A guest leaves: the tile goes.
    act(() => publisher.message({ videoroom: "event", leaving: 303 }));
    await waitFor(() => expect(screen.getAllByTestId("sfu-tile")).toHaveLength(1));
  });

  it("patient: joins Janus straight away when the call is already a group call, and sees who else is in it", async () => {
    hubRole = "callee";
    routes("Patient", { media: "sfu", guests: [maria] });
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    await waitFor(() => expect(janusSessions).toHaveLength(1));
    expect(pcs).toHaveLength(0);
    expect(janus().handles[0]!.lastRequest()).toMatchObject({ id: 202, display: "Olga Smirnova" });
    expect(await screen.findByTestId("call-guests-notice")).toHaveTextContent("Also in this call: Maria Interpreter (Interpreter)");
    expect(screen.queryByTestId("share-screen")).not.toBeInTheDocument();
    expect(screen.queryByTestId("participants-panel")).not.toBeInTheDocument();
  });

  it("doctor: lets the patient share their screen and takes it back (PUT /screen-sharing), and shows the server's refusal", async () => {
    hubRole = "caller";
    const state: CallState = { media: "sfu", guests: [maria] };
    const api = routes("Doctor", state);
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    const toggle = await screen.findByTestId("allow-patient-screen");
    expect(toggle).toHaveAttribute("aria-pressed", "false");
    expect(toggle).toHaveTextContent("Let the patient share their screen");
    // The doctor's own share-screen button is there as before.
    expect(screen.getByTestId("share-screen")).toBeInTheDocument();

    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(toggle);
    await waitFor(() => expect(screen.getByTestId("allow-patient-screen")).toHaveAttribute("aria-pressed", "true"));
    expect(screen.getByTestId("allow-patient-screen")).toHaveTextContent("Patient may share their screen");
    expect(api.callsTo("PUT", "/consultations/k1/screen-sharing").map((c) => c.body)).toEqual([{ patientAllowed: true }]);

    // The hub tells everyone (the doctor too): a revoke from another tab shows here.
    act(() => hub().emit("screenSharingChanged", { consultationId: "k1", patientAllowed: false }));
    expect(screen.getByTestId("allow-patient-screen")).toHaveAttribute("aria-pressed", "false");

    state.putScreenSharing = () => ({ status: 503, body: { ...problem(503, "consultation.sfu_unavailable")!.body as object, detail: "Janus did not answer." } });
    await user.click(screen.getByTestId("allow-patient-screen"));
    const error = await screen.findByTestId("allow-patient-screen-error");
    expect(error).toHaveAttribute("data-code", "consultation.sfu_unavailable");
    expect(error).toHaveTextContent("The group call server did not answer; try again in a moment.");
    expect(error).toHaveTextContent("Janus did not answer.");
    expect(screen.getByTestId("allow-patient-screen")).toHaveAttribute("aria-pressed", "false");
  });

  it("doctor: the screen-sharing switch shows it is working while its PUT runs", async () => {
    hubRole = "caller";
    let answer: (result: MockResult) => void = () => {};
    const state: CallState = { media: "sfu", guests: [maria], putScreenSharing: () => new Promise<MockResult>((resolve) => (answer = resolve)) };
    routes("Doctor", state);
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    const toggle = await screen.findByTestId("allow-patient-screen");
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(toggle);
    expect(toggle).toBeDisabled();
    expect(toggle).toHaveAttribute("aria-busy", "true");
    expect(toggle.nextElementSibling).toHaveAttribute("data-testid", "busy-announcement");
    expect(toggle.nextElementSibling).toHaveTextContent("Working…");

    await act(async () => answer(json(200, { patientAllowed: true })));
    await waitFor(() => expect(toggle).toHaveAttribute("aria-pressed", "true"));
    expect(toggle).toBeEnabled();
    expect(toggle).not.toHaveAttribute("aria-busy");
    expect(toggle.nextElementSibling).toBeEmptyDOMElement();
  });

  it("patient: the share-screen button appears when the doctor allows it; a revoke stops the share at once and hides the button", async () => {
    hubRole = "callee";
    const state: CallState = { media: "sfu", guests: [maria], patientMayShareScreen: false };
    routes("Patient", state);
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    await waitFor(() => expect(janusSessions).toHaveLength(1));
    const publisher = janus().handles[0]!;
    act(() => publisher.message({ videoroom: "joined", id: 202, private_id: 2, publishers: [{ id: 101, display: "Dr Anna Novak" }] }));
    await screen.findAllByTestId("sfu-tile");
    expect(screen.queryByTestId("share-screen")).not.toBeInTheDocument();
    expect(screen.queryByTestId("allow-patient-screen")).not.toBeInTheDocument();

    act(() => hub().emit("screenSharingChanged", { consultationId: "k1", patientAllowed: true }));
    const share = await screen.findByTestId("share-screen");
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(share);
    await waitFor(() => expect(screenTracks).toHaveLength(1));
    const screenHandle = janus().handles.find((h) => h.sent.some((s) => s.message.display === "Olga Smirnova (screen)"))!;
    expect(screenHandle.lastRequest()).toMatchObject({ request: "join", ptype: "publisher", id: 203, token: "janus-202" });
    act(() => screenHandle.message({ videoroom: "joined", id: 203, publishers: [] }));
    expect(await screen.findByTestId("sfu-own-screen")).toBeInTheDocument();
    expect(screen.getByTestId("share-screen")).toHaveAttribute("aria-pressed", "true");

    // The doctor revokes: the share stops at once and the button goes.
    act(() => hub().emit("screenSharingChanged", { consultationId: "k1", patientAllowed: false }));
    await waitFor(() => expect(screen.queryByTestId("share-screen")).not.toBeInTheDocument());
    expect(screen.queryByTestId("sfu-own-screen")).not.toBeInTheDocument();
    expect(screenHandle.detached).toBe(true);
    expect(screenTracks[0]!.stopped).toBe(true);
  });

  it("patient: reads the permission again from GET /call after the hub reconnects (a screenSharingChanged may have been missed)", async () => {
    hubRole = "callee";
    const state: CallState = { media: "sfu", guests: [], patientMayShareScreen: true };
    const api = routes("Patient", state);
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    await waitFor(() => expect(janusSessions).toHaveLength(1));
    act(() => janus().handles[0]!.message({ videoroom: "joined", id: 202, private_id: 2, publishers: [] }));
    expect(await screen.findByTestId("share-screen")).toBeInTheDocument();

    state.patientMayShareScreen = false;
    const reads = api.callsTo("GET", "/consultations/k1/call").length;
    act(() => hub().reconnecting!());
    act(() => hub().reconnected!());
    await waitFor(() => expect(api.callsTo("GET", "/consultations/k1/call").length).toBeGreaterThan(reads));
    await waitFor(() => expect(screen.queryByTestId("share-screen")).not.toBeInTheDocument());
  });

  it("the header's quality in SFU mode is the worst remote camera feed (screen shares left out); unknown before any feed", async () => {
    hubRole = "caller";
    routes("Doctor", { media: "sfu", guests: [maria] });
    renderWithProviders(<CallPage />, { path: "/consultations/k1/call", route: "/consultations/:id/call" });
    await waitFor(() => expect(janusSessions).toHaveLength(1));
    const header = await screen.findByTestId("network-quality");
    expect(header).toHaveAttribute("data-quality", "unknown");
    const publisher = janus().handles[0]!;
    act(() => publisher.message({ videoroom: "joined", id: 101, private_id: 1, publishers: [] }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2_000);
    });
    expect(screen.getByTestId("network-quality")).toHaveAttribute("data-quality", "unknown");

    act(() =>
      publisher.message({
        videoroom: "event",
        publishers: [
          { id: 202, display: "Olga Smirnova" },
          { id: 303, display: "Maria Interpreter" },
          { id: 203, display: "Olga Smirnova (screen)" },
        ],
      }),
    );
    const stats = (rtt: number) => [
      { type: "candidate-pair", id: "p", selected: true, currentRoundTripTime: rtt },
      { type: "inbound-rtp", kind: "audio", packetsReceived: 500, packetsLost: 0 },
    ];
    janus().subscriberOf(202)!.stats = stats(0.05);
    janus().subscriberOf(303)!.stats = stats(0.3);
    janus().subscriberOf(203)!.stats = stats(1.5); // a poor screen share does not count
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2_000);
    });
    await waitFor(() => expect(screen.getByTestId("network-quality")).toHaveAttribute("data-quality", "fair"));
    expect(screen.getByTestId("network-quality")).toHaveTextContent("Fair");

    // The interpreter leaves: the patient's good link is what is left.
    act(() => publisher.message({ videoroom: "event", leaving: 303 }));
    await waitFor(() => expect(screen.getByTestId("network-quality")).toHaveAttribute("data-quality", "good"));
  });
});
