import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, problem, session } from "../../test/mockApi";

describe("unsubscribe link page", () => {
  it("only reads on load and stops the topic's e-mails when the button is pressed, signed out", async () => {
    const api = mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "GET /notifications/unsubscribe/tok-1": () => ({ body: { topic: "bookings", channel: "email", enabled: true } }),
      "POST /notifications/unsubscribe/tok-1": () => ({ body: { topic: "bookings", channel: "email", enabled: false } }),
    });
    renderApp("/unsubscribe/tok-1");
    const button = await screen.findByRole("button", { name: "Stop these e-mails" });
    expect(screen.getByText(/Stop “Bookings” e-mails\?/)).toBeInTheDocument();
    // Mail scanners open links: opening it must never unsubscribe.
    await new Promise((r) => setTimeout(r, 50));
    expect(api.callsTo("POST", "/notifications/unsubscribe/tok-1")).toHaveLength(0);

    await userEvent.click(button);
    expect(await screen.findByText("Done: you will no longer get “Bookings” e-mails.")).toBeInTheDocument();
    expect(api.callsTo("POST", "/notifications/unsubscribe/tok-1")).toHaveLength(1);
    expect(screen.getByRole("link", { name: "Notification settings" })).toHaveAttribute("href", "/account/notifications");
  });

  it("says a link already used is done, without a button", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "GET /notifications/unsubscribe/tok-2": () => ({ body: { topic: "reminders", channel: "email", enabled: false } }),
    });
    renderApp("/unsubscribe/tok-2");
    expect(await screen.findByText("Done: you will no longer get “Visit reminders” e-mails.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Stop these e-mails" })).not.toBeInTheDocument();
  });

  it("explains an invalid link in words", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "GET /notifications/unsubscribe/bad": () => problem(404, "notifications.unsubscribe_link_invalid"),
    });
    renderApp("/unsubscribe/bad");
    expect(await screen.findByRole("alert")).toHaveTextContent("This unsubscribe link is not valid.");
  });
});
