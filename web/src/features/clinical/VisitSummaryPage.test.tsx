import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { renderWithProviders } from "../../test/renderWithProviders";
import { json, mockApi, problem } from "../../test/mockApi";
import { VisitSummaryPage } from "./VisitSummaryPage";
import { VisitSummariesPage } from "./VisitSummariesPage";

const summary = {
  consultationId: "c1",
  visitedAt: "2030-01-14T10:00:00Z",
  doctorName: "Natalia Lebedeva",
  signedAt: "2030-01-14T11:05:00Z",
  diagnoses: [
    { code: "G44.2", title: "Tension-type headache", primary: true, confirmed: false },
    { code: "R51", title: "Headache", primary: false, confirmed: false },
  ],
  recommendations: "Drink water and sleep.",
  referrals: [{ kind: "inPersonVisit", target: "", note: "See a neurologist in person." }],
  followUpOn: "2030-01-28",
  addenda: [{ id: "a1", text: "MRI booked.", createdAt: "2030-01-14T12:00:00Z", signedBy: "Natalia Lebedeva" }],
};

describe("the patient's visit summaries", () => {
  it("shows the signed summary in plain language: diagnoses, recommendations, referrals, follow-up, signer, addenda", async () => {
    mockApi({ "GET /me/visit-summaries/c1": () => json(200, summary) });
    renderWithProviders(<VisitSummaryPage />, { path: "/patient/visit-summaries/c1", route: "/patient/visit-summaries/:id" });

    expect(await screen.findByRole("heading", { level: 1, name: /Visit on/ })).toBeInTheDocument();
    expect(screen.getByTestId("visit-summary-diagnoses")).toHaveTextContent("Tension-type headache (G44.2, main, preliminary)");
    expect(screen.getByTestId("visit-summary-recommendations")).toHaveTextContent("Drink water and sleep.");
    expect(screen.getByTestId("visit-summary-recommendations")).toHaveAttribute("dir", "auto");
    expect(screen.getByText("See a neurologist in person.").tagName).toBe("BDI");
    expect(screen.getByTestId("visit-summary-referrals")).toHaveTextContent("In-person visit — See a neurologist in person.");
    expect(screen.getByTestId("visit-summary-follow-up")).toHaveTextContent("2030");
    expect(screen.getByTestId("visit-summary-signed")).toHaveTextContent("Signed by Natalia Lebedeva");
    expect(screen.getByTestId("visit-summary-addenda")).toHaveTextContent("MRI booked.");
  });

  it("names a specialist referral's specialty in the reader's words, not by its code", async () => {
    mockApi({
      "GET /me/visit-summaries/c1": () => json(200, { ...summary, referrals: [{ kind: "specialist", target: "cardiology", note: null }] }),
      "GET /specialties": () => json(200, [{ code: "cardiology", name: "Cardiology" }]),
    });
    renderWithProviders(<VisitSummaryPage />, { path: "/patient/visit-summaries/c1", route: "/patient/visit-summaries/:id" });

    await waitFor(() => expect(screen.getByTestId("visit-summary-referrals")).toHaveTextContent("Specialist: Cardiology"));
  });

  it("says there is no signed summary yet when the server answers 404", async () => {
    mockApi({ "GET /me/visit-summaries/c2": () => problem(404, "clinical.not_found") });
    renderWithProviders(<VisitSummaryPage />, { path: "/patient/visit-summaries/c2", route: "/patient/visit-summaries/:id" });
    expect(await screen.findByTestId("visit-summary-missing")).toHaveTextContent("no signed summary");
  });

  it("lists the summaries with the doctor and the primary diagnosis, each linking to its page", async () => {
    mockApi({
      "GET /me/visit-summaries": () =>
        json(200, [{ consultationId: "c1", visitedAt: "2030-01-14T10:00:00Z", doctorName: "Natalia Lebedeva", primaryDiagnosis: "Tension-type headache", signedAt: "2030-01-14T11:05:00Z", patientId: "p1", patientName: null }]),
    });
    renderWithProviders(<VisitSummariesPage />);
    const link = await screen.findByRole("link", { name: /Read the summary of/ });
    expect(link).toHaveAttribute("href", "/patient/visit-summaries/c1");
    expect(screen.getByTestId("visit-summary-item")).toHaveTextContent("Tension-type headache");
    expect(screen.getByTestId("visit-summary-item")).toHaveTextContent("Natalia Lebedeva");
  });
});
