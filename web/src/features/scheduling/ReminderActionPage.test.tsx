import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, problem, session } from "../../test/mockApi";

const info = (action: "confirm" | "cancel") => ({
  action,
  appointmentStart: "2026-03-29T07:00:00Z",
  clinicTimeZone: "Europe/Berlin",
  clinicLocal: "2026-03-29T09:00:00",
  doctorName: "Dr Anna Schmidt",
  kind: "video",
  status: "booked",
});

describe("reminder link page", () => {
  it("only reads on load and confirms when the button is pressed, signed out", async () => {
    const api = mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "GET /scheduling/reminder-actions/tok-1": () => ({ body: info("confirm") }),
      "POST /scheduling/reminder-actions/tok-1": () => ({ body: { action: "confirm", status: "confirmed" } }),
    });
    const app = renderApp("/r/tok-1");
    const button = await screen.findByRole("button", { name: "Confirm appointment" });
    expect(screen.getByText("Dr Anna Schmidt")).toBeInTheDocument();
    expect(app.router().state.location.pathname).toBe("/r/tok-1");
    // Give any stray effect a chance to fire: opening the link must never perform the action.
    await new Promise((r) => setTimeout(r, 50));
    expect(api.callsTo("POST", "/scheduling/reminder-actions/tok-1")).toHaveLength(0);

    await userEvent.click(button);
    expect(await screen.findByText("Your appointment is confirmed.")).toBeInTheDocument();
    expect(api.callsTo("POST", "/scheduling/reminder-actions/tok-1")).toHaveLength(1);
    expect(screen.getByTestId("appointment-status")).toHaveTextContent("Confirmed");
  });

  it("cancels with an optional reason", async () => {
    const api = mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "GET /scheduling/reminder-actions/tok-2": () => ({ body: info("cancel") }),
      "POST /scheduling/reminder-actions/tok-2": () => ({ body: { action: "cancel", status: "cancelled" } }),
    });
    renderApp("/r/tok-2");
    await userEvent.type(await screen.findByLabelText("Reason (optional)"), "Feeling better");
    await userEvent.click(screen.getByRole("button", { name: "Cancel appointment" }));
    expect(await screen.findByText("Your appointment is cancelled.")).toBeInTheDocument();
    expect(api.callsTo("POST", "/scheduling/reminder-actions/tok-2")[0]!.body).toEqual({ reason: "Feeling better" });
  });

  it("explains an expired or used link", async () => {
    const api = mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "GET /scheduling/reminder-actions/old": () => problem(410, "scheduling.link_expired"),
    });
    renderApp("/r/old");
    expect(await screen.findByText("This link has expired or was already used.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /appointment/ })).not.toBeInTheDocument();
    await waitFor(() => expect(api.callsTo("GET", "/scheduling/reminder-actions/old")).toHaveLength(1));
  });
});
