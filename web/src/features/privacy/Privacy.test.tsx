import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { json, mockApi, signedInSession } from "../../test/mockApi";
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
});
