import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { json, mockApi, signedInSession, type MockResult } from "../../test/mockApi";
import type { AccessReportEntry, ConsentView } from "./privacyApi";

const entry: AccessReportEntry = {
  id: 41,
  occurredAt: "2026-11-30T09:15:00Z",
  staffUserId: "11111111-1111-4111-8111-111111111111",
  staffName: "Natalia Lebedeva",
  staffRoles: ["Doctor"],
  recordType: "VisitProtocol",
  kind: "opened",
  breakGlass: true,
};
const recording: ConsentView = {
  kind: "recording",
  currentVersion: 2,
  text: "I agree that my video consultations may be recorded.",
  publishedAt: "2026-11-30T00:00:00Z",
  status: "renewalNeeded",
  history: [{ given: true, version: 1, decidedAt: "2026-11-01T10:00:00Z" }],
};

describe("the patient's privacy page", () => {
  it("lists who opened the record and asks again for a consent whose text changed", async () => {
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /me/access-report": () => json(200, { items: [entry], total: 1, page: 1, pageSize: 20 }),
      "GET /me/consents": () => json(200, [recording]),
      "GET /me/erasure-requests": () => json(200, []),
      "POST /me/consents/recording/give": () =>
        json(200, [{ ...recording, status: "given", history: [{ given: true, version: 2, decidedAt: "2026-11-30T10:00:00Z" }, ...recording.history] }]),
    });
    renderApp("/patient/privacy");
    const table = await screen.findByRole("table");
    const row = within(table).getByRole("row", { name: /Natalia Lebedeva/ });
    expect(row).toHaveTextContent("Doctor");
    expect(row).toHaveTextContent("Visit protocol");
    expect(row).toHaveTextContent("Opened · emergency access");

    expect(await screen.findByText("The text has changed — please read it and answer again")).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "I agree: Recording of consultations" }));
    expect(await screen.findByRole("button", { name: "Withdraw consent: Recording of consultations" })).toBeInTheDocument();
    expect(api.callsTo("POST", "/me/consents/recording/give")).toHaveLength(1);
  });

  it("shows only the clicked consent's button as busy while its answer is sent", async () => {
    const notifications: ConsentView = { ...recording, kind: "notifications", status: "given", history: [] };
    let answer: (result: MockResult) => void = () => {};
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /me/access-report": () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
      "GET /me/consents": () => json(200, [recording, notifications]),
      "GET /me/erasure-requests": () => json(200, []),
      "POST /me/consents/recording/give": () => new Promise<MockResult>((resolve) => (answer = resolve)),
    });
    renderApp("/patient/privacy");
    const give = await screen.findByRole("button", { name: "I agree: Recording of consultations" });
    const withdraw = screen.getByRole("button", { name: "Withdraw consent: Reminders and messages" });
    await userEvent.setup().click(give);

    expect(give).toBeDisabled();
    expect(give).toHaveAttribute("aria-busy", "true");
    // Another consent is a request of its own: it stays usable and is not shown as working.
    expect(withdraw).toBeEnabled();
    expect(withdraw).not.toHaveAttribute("aria-busy");
    const card = screen.getByRole("article", { name: "Recording of consultations" });
    expect(within(card).getByTestId("busy-announcement")).toHaveTextContent("Working…");

    answer(json(200, [{ ...recording, status: "given", history: [] }, notifications]));
    const done = await screen.findByRole("button", { name: "Withdraw consent: Recording of consultations" });
    expect(done).toBeEnabled();
    expect(done).not.toHaveAttribute("aria-busy");
    expect(within(card).getByTestId("busy-announcement")).toBeEmptyDOMElement();
  });
});
