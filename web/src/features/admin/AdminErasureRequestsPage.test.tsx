import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { json, mockApi, problem, signedInSession } from "../../test/mockApi";
import type { AdminErasureRequest } from "./erasureRequestsApi";

const request: AdminErasureRequest = {
  id: "11111111-2222-4333-8444-555555555555",
  patientId: "99999999-2222-4333-8444-555555555555",
  status: "requested",
  reason: "I moved abroad",
  requestedAt: "2026-11-30T09:00:00Z",
  decidedAt: null,
  completedAt: null,
  declineReason: null,
  kept: [],
  stepsDone: [],
  failedStep: null,
};
const path = `/admin/erasure-requests/${request.id}`;

describe("the admin's erasure requests page", () => {
  it("reviews a request and carries it out after confirming, then shows what was kept", async () => {
    let current = request;
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Admin"])),
      "GET /admin/erasure-requests": () => json(200, [current]),
      [`POST ${path}/carry-out`]: () => {
        current = {
          ...request,
          status: "completed",
          completedAt: "2026-11-30T10:00:00Z",
          stepsDone: ["documents", "notificationHistory", "answer", "contactDetails", "account"],
          kept: [{ category: "prescriptions", jurisdiction: "us", years: 6, legalSource: "HIPAA", keptUntil: "2032-11-30" }],
        };
        return json(200, current);
      },
    });
    renderApp("/admin/erasure-requests");
    const user = userEvent.setup();

    const table = await screen.findByTestId("erasure-requests");
    expect(within(table).getByText("Waiting for the clinic")).toBeInTheDocument();
    await user.click(within(table).getByRole("button", { name: /Review/ }));
    const review = await screen.findByTestId("erasure-review");
    expect(review).toHaveTextContent("I moved abroad");
    expect(within(review).getByText("I moved abroad")).toHaveAttribute("dir", "auto");

    await user.click(within(review).getByRole("button", { name: "Carry out" }));
    const dialog = await screen.findByRole("dialog", { name: "Carry out this erasure request?" });
    await user.click(within(dialog).getByRole("button", { name: "Carry out" }));

    expect(await screen.findByText("The request has been carried out and the patient has been told by e-mail.")).toBeInTheDocument();
    expect(await screen.findByTestId("erasure-kept")).toHaveTextContent("Prescriptions: kept until");
    expect(screen.getByTestId("erasure-review")).toHaveTextContent("Account closed");
    expect(api.callsTo("POST", `${path}/carry-out`)).toHaveLength(1);
  });

  it("declines only with a reason, and puts a failed step into words", async () => {
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Admin"])),
      "GET /admin/erasure-requests": () => json(200, [request]),
      [`POST ${path}/decline`]: () => json(200, { ...request, status: "declined", declineReason: "Open investigation" }),
      [`POST ${path}/carry-out`]: () => problem(409, "privacy.erasure_step_failed"),
    });
    renderApp("/admin/erasure-requests");
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: /Review/ }));
    const review = await screen.findByTestId("erasure-review");
    await user.click(within(review).getByRole("button", { name: "Carry out" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Carry out" }));
    expect(await within(review).findByRole("alert")).toHaveTextContent("A step of the erasure failed");

    await user.click(within(review).getByRole("button", { name: "Decline" }));
    await user.click(within(review).getByRole("button", { name: "Decline the request" }));
    expect(await within(review).findByText("Give the reason the patient will be told.")).toBeInTheDocument();
    expect(api.callsTo("POST", `${path}/decline`)).toHaveLength(0);

    expect(within(review).getByLabelText("Reason for declining (the patient is told)")).toHaveAttribute("dir", "auto");
    await user.type(within(review).getByLabelText("Reason for declining (the patient is told)"), "Open investigation");
    await user.click(within(review).getByRole("button", { name: "Decline the request" }));
    expect(await screen.findByText("The request has been declined.")).toBeInTheDocument();
    expect(api.callsTo("POST", `${path}/decline`)[0]?.body).toEqual({ reason: "Open investigation" });
  });
});
