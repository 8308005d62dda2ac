import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, mockApi, problem } from "../../test/mockApi";
import { renderWithProviders } from "../../test/renderWithProviders";
import { CallInvitationsPage, GUEST_RECORDING_POLL_MS, GuestJoinPage } from "./GuestPages";
import type { CallGuest } from "./callsApi";
import { fakeJanusConnect } from "./sfu/fakeJanus";
import { FakeStream, FakeTrack } from "./testFakes";

const me = (status: CallGuest["status"]): CallGuest => ({
  guestId: "g1",
  displayName: "Maria Interpreter",
  role: "interpreter",
  status,
  invitedAt: "2026-12-02T03:00:00Z",
});

const sfuCall = {
  callToken: "tok-g",
  expiresAt: "2026-12-02T05:00:00Z",
  role: "guest",
  iceServers: [{ urls: ["turn:turn.example.org"], username: "1:u", credential: "c" }],
  iceTransportPolicy: "all",
  media: "sfu",
  sfu: { server: "ws://10.99.0.1:8188", token: "janus-g", room: 4321, feedId: 303, display: "Maria Interpreter" },
};

let localTracks: FakeTrack[] = [];

describe("guest pages", () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.stubGlobal("MediaStream", FakeStream);
    localTracks = [];
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
        enumerateDevices: async () => [
          { kind: "videoinput", deviceId: "cam-1", label: "Front camera" },
          { kind: "audioinput", deviceId: "mic-1", label: "Built-in microphone" },
        ],
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      },
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("lists the call invitations with a link to join", async () => {
    mockApi({
      "GET /me/call-invitations": () => json(200, [{ consultationId: "k1", guestId: "g1", doctorName: "Dr Anna Novak", role: "family", status: "invited" }]),
    });
    renderWithProviders(<CallInvitationsPage />);
    const item = await screen.findByTestId("call-invitation");
    expect(item).toHaveTextContent("Consultation with Dr Anna Novak");
    expect(item).toHaveTextContent("You join as: Family member");
    expect(screen.getByRole("link", { name: "Open" })).toHaveAttribute("href", "/consultations/k1/join");
  });

  it("asks to join, waits (polling every 2 s), joins the Janus room when admitted, and leaves it when removed", async () => {
    const state = { status: "invited" as CallGuest["status"] };
    const api = mockApi({
      "GET /consultations/k1/guests/me": () => json(200, me(state.status)),
      "POST /consultations/k1/guests/me/knock": () => {
        state.status = "waiting";
        return json(200, me("waiting"));
      },
      "GET /consultations/k1/call": () => (state.status === "admitted" ? json(200, sfuCall) : problem(409, "consultation.guest_not_admitted")),
    });
    const janus = fakeJanusConnect();
    renderWithProviders(<GuestJoinPage connect={janus.connect} />, { path: "/consultations/k1/join", route: "/consultations/:id/join" });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });

    await user.click(await screen.findByRole("button", { name: "Ask to join" }));
    expect(await screen.findByTestId("guest-waiting")).toHaveTextContent("Waiting for the doctor to let you in…");
    expect(api.callsTo("POST", "/consultations/k1/guests/me/knock")).toHaveLength(1);
    const polls = api.callsTo("GET", "/consultations/k1/guests/me").length;
    await act(() => vi.advanceTimersByTimeAsync(2100));
    expect(api.callsTo("GET", "/consultations/k1/guests/me").length).toBeGreaterThan(polls);
    expect(screen.getByTestId("guest-waiting")).toBeInTheDocument();
    expect(janus.made).toHaveLength(0);

    state.status = "admitted";
    await act(() => vi.advanceTimersByTimeAsync(2100));
    await waitFor(() => expect(janus.made).toHaveLength(1));
    expect(janus.last().options).toMatchObject({ server: "ws://10.99.0.1:8188", token: "janus-g", iceServers: [{ urls: ["turn:turn.example.org"], username: "1:u", credential: "c" }] });
    const publisher = janus.last().handles[0]!;
    expect(publisher.lastRequest()).toEqual({ request: "join", ptype: "publisher", room: 4321, id: 303, display: "Maria Interpreter", token: "janus-g" });
    act(() =>
      publisher.message({
        videoroom: "joined",
        id: 303,
        private_id: 9,
        publishers: [
          { id: 101, display: "Dr Anna Novak" },
          { id: 202, display: "Olga Smirnova" },
        ],
      }),
    );
    const tiles = await screen.findAllByTestId("sfu-tile");
    expect(tiles.map((t) => t.getAttribute("data-display"))).toEqual(["Dr Anna Novak", "Olga Smirnova"]);
    expect(screen.getByTestId("sfu-stage")).toHaveAttribute("data-state", "joined");
    expect(screen.getByTestId("local-video")).toBeInTheDocument();
    expect(screen.queryByTestId("share-screen")).not.toBeInTheDocument(); // the doctor shares, guests do not
    expect(publisher.offers[0]!.map((t) => t.type)).toEqual(["audio", "video"]);

    state.status = "removed";
    await act(() => vi.advanceTimersByTimeAsync(2100));
    expect(await screen.findByTestId("guest-removed")).toHaveTextContent("The doctor removed you from the call.");
    expect(janus.last().destroyed).toBe(true);
    expect(localTracks.every((t) => t.stopped)).toBe(true);
    expect(screen.queryByTestId("sfu-stage")).not.toBeInTheDocument();
  });

  it("says so when Janus kicks the guest out", async () => {
    mockApi({
      "GET /consultations/k1/guests/me": () => json(200, me("admitted")),
      "GET /consultations/k1/call": () => json(200, sfuCall),
    });
    const janus = fakeJanusConnect();
    renderWithProviders(<GuestJoinPage connect={janus.connect} />, { path: "/consultations/k1/join", route: "/consultations/:id/join" });
    await waitFor(() => expect(janus.made).toHaveLength(1));
    const publisher = janus.last().handles[0]!;
    act(() => publisher.message({ videoroom: "joined", id: 303, publishers: [] }));
    expect(await screen.findByTestId("sfu-alone")).toBeInTheDocument();
    act(() => publisher.message({ videoroom: "event", leaving: "ok", reason: "kicked" }));
    expect(await screen.findByTestId("guest-removed")).toBeInTheDocument();
    expect(janus.last().destroyed).toBe(true);
  });

  it("offers to try again when Janus cannot be reached", async () => {
    mockApi({
      "GET /consultations/k1/guests/me": () => json(200, me("admitted")),
      "GET /consultations/k1/call": () => json(200, sfuCall),
    });
    const janus = fakeJanusConnect();
    let refuse = true;
    const connect = async (options: Parameters<typeof janus.connect>[0]) => {
      if (refuse) throw new Error("WebSocket closed");
      return janus.connect(options);
    };
    renderWithProviders(<GuestJoinPage connect={connect} />, { path: "/consultations/k1/join", route: "/consultations/:id/join" });
    const error = await screen.findByTestId("sfu-error");
    expect(error).toHaveTextContent("Could not connect to the group call. (WebSocket closed)");
    refuse = false;
    await userEvent.setup({ advanceTimers: vi.advanceTimersByTime }).click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(janus.made).toHaveLength(1));
    expect(screen.getByTestId("sfu-stage")).toHaveAttribute("data-state", "connecting");
  });
  it("shows the recording indicator to the guest while the call is recorded (polling, guests have no call hub)", async () => {
    const recording = { offered: true, recordingId: "r1", status: "none", consentVersion: "call-recording-consent-2026-12", requestedAt: null, consentedAt: null };
    const state = { status: "none" };
    const api = mockApi({
      "GET /consultations/k1/guests/me": () => json(200, me("admitted")),
      "GET /consultations/k1/call": () => json(200, { ...sfuCall, groupCalls: true, recording }),
      "GET /consultations/k1/recording": () => json(200, { ...recording, status: state.status }),
    });
    const janus = fakeJanusConnect();
    renderWithProviders(<GuestJoinPage connect={janus.connect} />, { path: "/consultations/k1/join", route: "/consultations/:id/join" });
    await waitFor(() => expect(janus.made).toHaveLength(1));
    expect(screen.queryByTestId("recording-indicator")).not.toBeInTheDocument();

    state.status = "recording";
    await act(() => vi.advanceTimersByTimeAsync(GUEST_RECORDING_POLL_MS + 100));
    expect(api.callsTo("GET", "/consultations/k1/recording").length).toBeGreaterThan(0);
    expect(await screen.findByTestId("recording-indicator")).toHaveTextContent("● Recording");
    // Guests have no record controls.
    expect(screen.queryByTestId("stop-recording")).not.toBeInTheDocument();

    state.status = "stopped";
    await act(() => vi.advanceTimersByTimeAsync(GUEST_RECORDING_POLL_MS + 100));
    await waitFor(() => expect(screen.queryByTestId("recording-indicator")).not.toBeInTheDocument());
  });
});
