import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { act } from "react";
import { renderApp } from "../../test/renderApp";
import { mockApi, problem, signedInSession, type MockResult } from "../../test/mockApi";
import { FakeHub } from "../../test/fakeHub";
import type { NotificationItem } from "./notificationsApi";
import { RETRY_MS } from "./useNotificationFeed";

const hubs: FakeHub[] = [];
let failingStartsOfNextHub = 0;
vi.mock("./notificationsHub", () => ({
  NOTIFICATIONS_HUB_URL: "/hubs/notifications",
  createNotificationsConnection: () => {
    const hub = new FakeHub();
    hub.failingStarts = failingStartsOfNextHub;
    failingStartsOfNextHub = 0;
    hubs.push(hub);
    return hub;
  },
}));

const item = (id: string, title: string, readAt: string | null = null): NotificationItem => ({
  id,
  kind: "booking_rescheduled",
  title,
  link: `/patient/appointments/${id}`,
  createdAt: "2026-11-30T10:00:00Z",
  readAt,
});

describe("the notification centre", () => {
  it("shows the unread count in the bell's name, raises it when the hub pushes one, and marks one read when it is opened", async () => {
    let unread = 2;
    const items = [item("n2", "Your visit on 3 Dec was moved to 5 Dec, 10:30"), item("n1", "New message from the clinic")];
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /me/notifications/unread-count": () => ({ body: { unread } }),
      "GET /me/notifications": () => ({ body: { items, total: items.length, unread, page: 1, pageSize: 20 } }),
      "POST /me/notifications/n2/read": () => {
        unread -= 1;
        items[0] = { ...items[0], readAt: "2026-11-30T10:05:00Z" };
        return { body: items[0] };
      },
      "GET /patient/appointments/n2": () => ({ status: 404 }),
    });
    const app = renderApp("/notifications");

    expect(await screen.findByRole("link", { name: "Notifications, 2 unread" })).toHaveAttribute("href", "/notifications");
    const list = await screen.findByTestId("notification-list");
    expect(within(list).getAllByRole("button").map((b) => b.textContent)).toEqual([
      expect.stringContaining("Your visit on 3 Dec was moved"),
      expect.stringContaining("New message from the clinic"),
    ]);

    // A push while the page is open: the bell's count goes up at once, the list is read again.
    await waitFor(() => expect(hubs.at(-1)?.started).toBe(1));
    unread = 3;
    items.unshift(item("n3", "Your visit on 4 Dec was cancelled"));
    act(() => hubs.at(-1)!.emit("notificationReceived", { notification: items[0], unread: 3 }));
    expect(await screen.findByRole("link", { name: "Notifications, 3 unread" })).toBeInTheDocument();
    expect(await within(list).findByText("Your visit on 4 Dec was cancelled")).toBeInTheDocument();

    await userEvent.click(within(list).getByText("Your visit on 3 Dec was moved to 5 Dec, 10:30"));
    expect(api.callsTo("POST", "/me/notifications/n2/read")).toHaveLength(1);
    await waitFor(() => expect(app.router().state.location.pathname).toBe("/patient/appointments/n2"));
    expect(await screen.findByRole("link", { name: "Notifications, 2 unread" })).toBeInTheDocument();
  });

  it("reads the count and the list again once the server says the connection is subscribed, not merely when it has started", async () => {
    let unread = 0;
    const items: NotificationItem[] = [];
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /me/notifications/unread-count": () => ({ body: { unread } }),
      "GET /me/notifications": () => ({ body: { items, total: items.length, unread, page: 1, pageSize: 20 } }),
    });
    renderApp("/notifications");
    expect(await screen.findByText("Nothing unread")).toBeInTheDocument();
    await waitFor(() => expect(hubs.at(-1)?.started).toBe(1));
    const listReads = api.callsTo("GET", "/me/notifications").length;

    // Booked after the handshake but before the server put the connection in the user's group: its push never came.
    unread = 1;
    items.unshift(item("n1", "Your visit on 4 Dec is booked"));
    await new Promise((r) => setTimeout(r, 50));
    expect(api.callsTo("GET", "/me/notifications")).toHaveLength(listReads); // started is not the moment to read again

    act(() => hubs.at(-1)!.emit("subscribed"));
    expect(await screen.findByRole("link", { name: "Notifications, 1 unread" })).toBeInTheDocument();
    expect(await within(await screen.findByTestId("notification-list")).findByText("Your visit on 4 Dec is booked")).toBeInTheDocument();
  });

  it("shows a notification pushed while the list's first read is still on its way, which left before it was created", async () => {
    let answerFirstRead!: () => void;
    const firstReadAnswered = new Promise<void>((resolve) => (answerFirstRead = resolve));
    let unread = 0;
    const items: NotificationItem[] = [];
    let reads = 0;
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /me/notifications/unread-count": () => ({ body: { unread } }),
      "GET /me/notifications": async () => {
        reads += 1;
        const seen = { items: [...items], total: items.length, unread, page: 1, pageSize: 20 };
        if (reads === 1) await firstReadAnswered; // a slow first read: what it saw is from before the booking
        return { body: seen };
      },
    });
    renderApp("/notifications");
    await waitFor(() => expect(reads).toBe(1));
    await waitFor(() => expect(hubs.at(-1)?.started).toBe(1));

    unread = 1;
    items.unshift(item("n1", "Your visit on 4 Dec is booked"));
    act(() => hubs.at(-1)!.emit("notificationReceived", { notification: items[0], unread: 1 }));
    await act(async () => answerFirstRead());

    expect(await screen.findByRole("link", { name: "Notifications, 1 unread" })).toBeInTheDocument();
    expect(await within(await screen.findByTestId("notification-list")).findByText("Your visit on 4 Dec is booked")).toBeInTheDocument();
  });

  it("keeps a pushed count when a count read that left before the change lands after the push", async () => {
    let unread = 0;
    const items: NotificationItem[] = [];
    let answerStaleRead: (() => void) | undefined;
    let countReads = 0;
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /me/notifications/unread-count": async () => {
        countReads += 1;
        const seen = { unread };
        if (countReads === 2) await new Promise<void>((resolve) => (answerStaleRead = resolve)); // the re-read on `subscribed`, slow
        return { body: seen };
      },
      "GET /me/notifications": () => ({ body: { items, total: items.length, unread, page: 1, pageSize: 20 } }),
    });
    renderApp("/notifications");
    expect(await screen.findByText("Nothing unread")).toBeInTheDocument();
    await waitFor(() => expect(hubs.at(-1)?.started).toBe(1));
    act(() => hubs.at(-1)!.emit("subscribed"));
    await waitFor(() => expect(answerStaleRead).toBeDefined());

    // Booked after that read saw 0: the push says 1, then the stale read lands.
    unread = 1;
    items.unshift(item("n1", "Your visit on 4 Dec is booked"));
    act(() => hubs.at(-1)!.emit("notificationReceived", { notification: items[0], unread: 1 }));
    expect(await screen.findByRole("link", { name: "Notifications, 1 unread" })).toBeInTheDocument();
    await act(async () => answerStaleRead!());
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByRole("link", { name: "Notifications, 1 unread" })).toBeInTheDocument();
  });

  it("starts the connection again after a failed start and after a close, so the bell does not stay silent", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      failingStartsOfNextHub = 1;
      let unread = 0;
      const items: NotificationItem[] = [];
      mockApi({
        "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
        "GET /me/notifications/unread-count": () => ({ body: { unread } }),
        "GET /me/notifications": () => ({ body: { items, total: items.length, unread, page: 1, pageSize: 20 } }),
      });
      renderApp("/notifications");
      expect(await screen.findByText("Nothing unread")).toBeInTheDocument();
      const hub = hubs.at(-1)!;
      await waitFor(() => expect(hub.started).toBe(1));

      // Booked while the connection is down: its push never came; the next start's subscription brings it.
      unread = 1;
      items.unshift(item("n1", "Your visit on 4 Dec is booked"));
      await act(async () => void (await vi.advanceTimersByTimeAsync(RETRY_MS)));
      expect(hub.started).toBe(2);
      act(() => hub.emit("subscribed"));
      expect(await screen.findByRole("link", { name: "Notifications, 1 unread" })).toBeInTheDocument();

      // SignalR's own reconnects gave up: started again.
      act(() => hub.closed!(new Error("Connection disconnected")));
      await act(async () => void (await vi.advanceTimersByTimeAsync(RETRY_MS)));
      expect(hub.started).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("says 'more than 99' for a capped count, and keeps it capped when one is opened until the server says otherwise", async () => {
    const items = [item("n1", "New message from the clinic")];
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
      "GET /me/notifications/unread-count": () => ({ body: { unread: 100 } }),
      "GET /me/notifications": () => ({ body: { items, total: 250, unread: 100, page: 1, pageSize: 20 } }),
      "POST /me/notifications/n1/read": () => ({ body: { ...items[0], readAt: "2026-11-30T10:05:00Z" } }),
      "GET /patient/appointments/n1": () => ({ status: 404 }),
    });
    const app = renderApp("/notifications");

    const bell = await screen.findByRole("link", { name: "Notifications, more than 99 unread" });
    expect(within(bell).getByText("99+")).toBeInTheDocument();
    expect(await screen.findByText("More than 99 unread")).toBeInTheDocument();

    await userEvent.click(await screen.findByText("New message from the clinic"));
    expect(api.callsTo("POST", "/me/notifications/n1/read")).toHaveLength(1);
    await waitFor(() => expect(app.router().state.location.pathname).toBe("/patient/appointments/n1"));
    expect(await screen.findByRole("link", { name: "Notifications, more than 99 unread" })).toBeInTheDocument();
  });

  it("marks all read and says when there is nothing unread", async () => {
    let unread = 1;
    const items = [item("n1", "New message from the clinic")];
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
      "GET /me/notifications/unread-count": () => ({ body: { unread } }),
      "GET /me/notifications": () => ({ body: { items, total: 1, unread, page: 1, pageSize: 20 } }),
      "POST /me/notifications/read-all": () => {
        unread = 0;
        items[0] = { ...items[0], readAt: "2026-11-30T10:05:00Z" };
        return { body: { unread: 0 } };
      },
    });
    renderApp("/notifications");
    await userEvent.click(await screen.findByRole("button", { name: "Mark all as read" }));
    expect(api.callsTo("POST", "/me/notifications/read-all")).toHaveLength(1);
    expect(await screen.findByRole("link", { name: "Notifications" })).toBeInTheDocument();
    expect(await screen.findByText("Nothing unread")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Mark all as read" })).not.toBeInTheDocument();
  });

  it("keeps a title the server built around a stored U+202E or a right-to-left name from reordering the time and status after it", async () => {
    const spoofed = "New message from \u202Eavortep annA";
    const items = [item("n2", spoofed), item("n1", "New message from سارة"), item("n0", "New message from the clinic")];
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /me/notifications/unread-count": () => ({ body: { unread: 3 } }),
      "GET /me/notifications": () => ({ body: { items, total: items.length, unread: 3, page: 1, pageSize: 20 } }),
    });
    renderApp("/notifications");
    const list = await screen.findByTestId("notification-list");
    const titles = Array.from(list.querySelectorAll(".notification-list__title"));
    expect(titles.map((t) => t.tagName)).toEqual(["BDI", "BDI", "BDI"]);
    // In the button's text (its accessible name) the title is closed by PDI before the time and "Unread" that follow it.
    const buttons = within(list).getAllByRole("button");
    expect(buttons[0]!.textContent).toMatch(/^\u2068New message from \u202Eavortep annA\u2069Mon/);
    expect(buttons[1]!.textContent).toMatch(/^\u2068New message from سارة\u2069Mon/);
    expect(buttons[2]!.textContent).toMatch(/^New message from the clinicMon/);
  });

  it("shows only the marking being sent as working: Mark all, then one notification; the other buttons wait disabled", async () => {
    const items = [item("n2", "Your visit on 3 Dec was moved to 5 Dec, 10:30"), item("n1", "New message from the clinic")];
    const held: Record<string, (result: MockResult) => void> = {};
    const hold = (name: string) => () => new Promise<MockResult>((resolve) => (held[name] = resolve));
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /me/notifications/unread-count": () => ({ body: { unread: 2 } }),
      "GET /me/notifications": () => ({ body: { items, total: items.length, unread: 2, page: 1, pageSize: 20 } }),
      "POST /me/notifications/read-all": hold("all"),
      "POST /me/notifications/n1/read": hold("n1"),
    });
    renderApp("/notifications");
    const list = await screen.findByTestId("notification-list");
    const markAll = screen.getByRole("button", { name: "Mark all as read" });
    const [first, second] = within(list).getAllByRole("button");
    const user = userEvent.setup();

    await user.click(markAll);
    expect(markAll).toBeDisabled();
    expect(markAll).toHaveAttribute("aria-busy", "true");
    for (const other of [first!, second!]) {
      expect(other).toBeDisabled();
      expect(other).not.toHaveAttribute("aria-busy");
    }
    const announcements = () => [markAll, first!, second!].map((b) => b.nextElementSibling!.textContent);
    expect(announcements()).toEqual(["Working…", "", ""]);
    await act(async () => held.all!(problem(503, "server_error")));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    for (const button of [markAll, first!, second!]) {
      expect(button).toBeEnabled();
      expect(button).not.toHaveAttribute("aria-busy");
    }
    expect(announcements()).toEqual(["", "", ""]);

    await user.click(second!);
    expect(second).toBeDisabled();
    expect(second).toHaveAttribute("aria-busy", "true");
    for (const other of [markAll, first!]) {
      expect(other).toBeDisabled();
      expect(other).not.toHaveAttribute("aria-busy");
    }
    expect(announcements()).toEqual(["", "", "Working…"]);
    await act(async () => held.n1!(problem(503, "server_error")));
    await waitFor(() => expect(second).not.toHaveAttribute("aria-busy"));
    for (const button of [markAll, first!, second!]) expect(button).toBeEnabled();
    expect(announcements()).toEqual(["", "", ""]);
  });
});
