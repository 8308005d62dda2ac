import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { renderWithProviders } from "../../test/renderWithProviders";
import { json, mockApi } from "../../test/mockApi";
import type { ConsultationView } from "./callsApi";
import { ComplaintPanel } from "./CallPanels";

const consultation = {
  id: "k1",
  kind: "video",
  status: "inProgress",
  origin: "onDemand",
  specialty: "Therapist",
  patientName: "Oliver Grant",
  doctorName: "Dr Sergey Volkov",
  complaintSummary: "Head · 4/10 · days · Sore throat",
  triage: {
    level: "standard",
    advice: "A doctor will see you in turn.",
    firedRules: [{ code: "recent-moderate-problem", title: "A recent problem of moderate severity", level: "standard", source: null }],
  },
  durationSeconds: null,
  conversationId: "c1",
} as unknown as ConsultationView;

function serve() {
  mockApi({
    "GET /consultations/k1/complaint": () =>
      json(200, {
        consultationId: "k1",
        complaint: { regions: ["head"], severity: 4, duration: "days", symptoms: ["soreThroat"], description: "Sore throat since yesterday.", photoIds: [] },
        summary: "Head · 4/10 · days · Sore throat",
        triage: consultation.triage,
      }),
  });
}

describe("the doctor's complaint panel", () => {
  it("gives a Russian doctor the complaint and the rules in Russian, not the server's English and the duration's code", async () => {
    serve();
    renderWithProviders(<ComplaintPanel consultation={consultation} />, { language: "ru" });
    const panel = screen.getByTestId("complaint-summary");
    expect(await within(panel).findByText("Голова · 4/10 · Несколько дней · Боль в горле")).toBeInTheDocument();
    expect(panel).toHaveTextContent("Недавно возникшая проблема средней выраженности");
    expect(panel.textContent).not.toMatch(/\bdays\b|A recent problem/);
  });

  it("keeps the server's summary and titles for an English reader", async () => {
    serve();
    renderWithProviders(<ComplaintPanel consultation={consultation} />);
    const panel = screen.getByTestId("complaint-summary");
    expect(within(panel).getByTestId("complaint-line")).toHaveTextContent("Head · 4/10 · days · Sore throat");
    expect(panel).toHaveTextContent("A recent problem of moderate severity");
  });
});
