import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { json, mockApi } from "../../test/mockApi";
import { renderWithProviders } from "../../test/renderWithProviders";
import { DeviceCheckPage, levelFromSamples } from "./DeviceCheckPage";
import { FakeStream, FakeTrack } from "./testFakes";

function stubMedia(getUserMedia: (c: MediaStreamConstraints) => Promise<unknown>) {
  Object.defineProperty(navigator, "mediaDevices", {
    configurable: true,
    value: {
      getUserMedia: vi.fn(getUserMedia),
      enumerateDevices: async () => [{ kind: "videoinput", deviceId: "cam-1", label: "Front camera" }],
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    },
  });
}

const result = (check: string) => screen.getAllByTestId("device-check-result").find((e) => e.getAttribute("data-check") === check)!;

describe("DeviceCheckPage", () => {
  beforeEach(() => vi.stubGlobal("RTCPeerConnection", class {}));
  afterEach(() => vi.unstubAllGlobals());

  it("reports each check with a readable reason", async () => {
    mockApi({ "GET /health": () => json(200, { status: "Healthy" }) });
    stubMedia(async (c) => {
      if (c.audio) throw new DOMException("none", "NotFoundError");
      return new FakeStream([new FakeTrack("video", "cam-1")]);
    });
    renderWithProviders(<DeviceCheckPage />);
    await waitFor(() => expect(result("camera")).toHaveAttribute("data-status", "ok"));
    await waitFor(() => expect(result("microphone")).toHaveAttribute("data-status", "failed"));
    expect(result("microphone")).toHaveTextContent("No device found");
    await waitFor(() => expect(result("connection")).toHaveAttribute("data-status", "ok"));
    expect(result("connection")).toHaveTextContent(/Server round trip \d+ ms/);
    expect(screen.getByTestId("mic-level")).toHaveAttribute("data-level", "0.00");
    expect(await screen.findByRole("option", { name: "Front camera" })).toBeInTheDocument();
  });

  it("says so when permission is denied, the server is down or WebRTC is missing", async () => {
    mockApi({ "GET /health": () => ({ status: 503, body: {} }) });
    stubMedia(async () => {
      throw new DOMException("no", "NotAllowedError");
    });
    renderWithProviders(<DeviceCheckPage />);
    await waitFor(() => expect(result("camera")).toHaveAttribute("data-status", "failed"));
    expect(result("camera")).toHaveTextContent("Permission denied");
    await waitFor(() => expect(result("connection")).toHaveTextContent("HTTP 503"));
  });

  it("computes the microphone level from analyser samples", () => {
    expect(levelFromSamples(new Uint8Array(64).fill(128))).toBe(0);
    expect(levelFromSamples(new Uint8Array(64).fill(160))).toBeCloseTo(1, 5);
    expect(levelFromSamples(new Uint8Array(64).fill(136))).toBeCloseTo(0.25, 5);
  });
});
