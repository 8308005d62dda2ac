import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { renderWithProviders } from "../../test/renderWithProviders";
import { json, mockApi, problem } from "../../test/mockApi";
import { recordingKeys, type CallRecordingView } from "../../shared/api/recordings";
import { CallRecordingsSection, formatTrackDuration } from "./CallRecordingsSection";
import { VisitSummaryPage } from "./VisitSummaryPage";

const base = { requestedAt: "2030-01-14T10:02:00Z", consentedAt: "2030-01-14T10:02:30Z", stoppedAt: null, stopReason: null, retainUntil: null, tracks: [] };
const recordings: CallRecordingView[] = [
  {
    ...base,
    recordingId: "r1",
    status: "available",
    stoppedAt: "2030-01-14T10:20:00Z",
    stopReason: "ended",
    retainUntil: "2030-04-14T10:20:00Z",
    tracks: [
      { index: 0, display: "Dr Anna Novak", durationSeconds: 1050, sizeBytes: 52_000_000 },
      { index: 1, display: "Olga Smirnova", durationSeconds: 65, sizeBytes: 3_000_000 },
    ],
  },
  { ...base, recordingId: "r2", status: "processing", stoppedAt: "2030-01-14T10:25:00Z", stopReason: "withdrawn" },
  { ...base, recordingId: "r3", status: "deleted", stopReason: "doctor" },
];

describe("call recordings of a past consultation", () => {
  it("lists each recording with its state and every track of an available one as a video", async () => {
    mockApi({ "GET /consultations/k1/recordings": () => json(200, recordings) });
    renderWithProviders(<CallRecordingsSection consultationId="k1" />);
    expect(await screen.findByRole("heading", { name: "Call recordings" })).toBeInTheDocument();
    const rows = screen.getAllByTestId("recording-row");
    expect(rows.map((r) => r.getAttribute("data-status"))).toEqual(["available", "processing", "deleted"]);

    const videos = within(rows[0]!).getAllByTestId("recording-video");
    expect(videos).toHaveLength(2);
    expect(videos[0]).toHaveAttribute("src", "/api/v1/consultations/k1/recordings/r1/tracks/0");
    expect(videos[1]).toHaveAttribute("src", "/api/v1/consultations/k1/recordings/r1/tracks/1");
    expect(videos[0]).toHaveAttribute("controls");
    expect(videos[0]).toHaveAttribute("preload", "metadata");
    expect(rows[0]).toHaveTextContent("Dr Anna Novak · 17:30");
    expect(rows[0]).toHaveTextContent("Olga Smirnova · 1:05");

    expect(rows[1]).toHaveTextContent("Being prepared…");
    expect(within(rows[1]!).queryByTestId("recording-video")).not.toBeInTheDocument();
    expect(rows[1]).toHaveTextContent("consent withdrawn");
    expect(rows[2]).toHaveTextContent("Deleted after the retention period");
    expect(within(rows[2]!).queryByTestId("recording-video")).not.toBeInTheDocument();
  });

  it("is hidden when there is no recording, or the server has none for this consultation (404)", async () => {
    const api = mockApi({
      "GET /consultations/k1/recordings": () => json(200, []),
      "GET /consultations/k2/recordings": () => problem(404, "consultation.not_found"),
    });
    const first = renderWithProviders(<CallRecordingsSection consultationId="k1" />);
    await waitFor(() => expect(first.client.getQueryState(recordingKeys.list("k1"))?.status).toBe("success"));
    expect(screen.queryByTestId("call-recordings")).not.toBeInTheDocument();
    first.unmount();

    const second = renderWithProviders(<CallRecordingsSection consultationId="k2" />);
    await waitFor(() => expect(second.client.getQueryState(recordingKeys.list("k2"))?.status).toBe("error"));
    expect(api.callsTo("GET", "/consultations/k2/recordings")).toHaveLength(1);
    expect(screen.queryByTestId("call-recordings")).not.toBeInTheDocument();
  });

  it("shows on the patient's visit summary, even before the summary is signed", async () => {
    mockApi({
      "GET /me/visit-summaries/k1": () => problem(404, "clinical.not_found"),
      "GET /consultations/k1/recordings": () => json(200, [recordings[0]]),
    });
    renderWithProviders(<VisitSummaryPage />, { path: "/patient/visit-summaries/k1", route: "/patient/visit-summaries/:id" });
    expect(await screen.findByTestId("visit-summary-missing")).toBeInTheDocument();
    expect(await screen.findAllByTestId("recording-video")).toHaveLength(2);
  });

  it("formats track durations", () => {
    expect(formatTrackDuration(0)).toBe("0:00");
    expect(formatTrackDuration(65.4)).toBe("1:05");
    expect(formatTrackDuration(3725)).toBe("1:02:05");
  });
});
