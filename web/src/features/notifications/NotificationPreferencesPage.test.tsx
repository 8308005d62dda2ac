import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";
import { FakeHub } from "../../test/fakeHub";
import type { NotificationPreferencesView, PreferenceChange } from "./notificationsApi";

vi.mock("./notificationsHub", () => ({
  NOTIFICATIONS_HUB_URL: "/hubs/notifications",
  createNotificationsConnection: () => new FakeHub(),
}));

const view = (bookingEmail: boolean): NotificationPreferencesView => ({
  topics: [
    { topic: "messages", channels: [{ channel: "in_app", enabled: true, locked: false }, { channel: "email", enabled: true, locked: false }] },
    {
      topic: "bookings",
      channels: [
        { channel: "in_app", enabled: true, locked: false },
        { channel: "email", enabled: bookingEmail, locked: false },
        { channel: "sms", enabled: true, locked: false },
      ],
    },
    { topic: "reminders", channels: [{ channel: "email", enabled: true, locked: false }, { channel: "sms", enabled: true, locked: false }] },
    { topic: "security", channels: [{ channel: "email", enabled: true, locked: true }] },
  ],
});

describe("notification settings", () => {
  it("saves a switch as soon as it is flipped and says so, and keeps security e-mails on with the reason", async () => {
    const sent: PreferenceChange[][] = [];
    let current = view(true);
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /me/notifications/unread-count": () => ({ body: { unread: 0 } }),
      "GET /me/notification-preferences": () => ({ body: current }),
      "PUT /me/notification-preferences": (request) => {
        sent.push((request.body as { changes: PreferenceChange[] }).changes);
        current = view(false);
        return { body: current };
      },
    });
    renderApp("/account/notifications");

    const bookings = await screen.findByTestId("preferences-bookings");
    const email = within(bookings).getByRole("checkbox", { name: "By e-mail" });
    expect(email).toBeChecked();
    await userEvent.click(email);
    await waitFor(() => expect(within(screen.getByTestId("preferences-bookings")).getByRole("checkbox", { name: "By e-mail" })).not.toBeChecked());
    expect(sent).toEqual([[{ topic: "bookings", channel: "email", enabled: false }]]);
    expect(screen.getByRole("status")).toHaveTextContent("Saved: Bookings By e-mail is off.");

    const security = within(screen.getByTestId("preferences-security")).getByRole("checkbox", { name: "By e-mail" });
    expect(security).toBeChecked();
    expect(security).toBeDisabled();
    expect(security).toHaveAccessibleDescription(/cannot be switched off/);
  });

  it("is in Russian for a Russian-speaking user", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
      "GET /me/notifications/unread-count": () => ({ body: { unread: 0 } }),
      "GET /me/notification-preferences": () => ({ body: view(true) }),
    });
    renderApp("/account/notifications", "ru");
    expect(await screen.findByRole("heading", { level: 1, name: "Настройки уведомлений" })).toBeInTheDocument();
    expect(within(await screen.findByTestId("preferences-security")).getByText(/нельзя отключить/)).toBeInTheDocument();
  });
});
