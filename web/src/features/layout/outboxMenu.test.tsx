import { describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";

const emptyUsers = () => ({ body: { items: [], total: 0, page: 1, pageSize: 20 } });

describe("Admin → Outbox in the menu", () => {
  it("appears when the server says the development outbox exists", async () => {
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Admin"]) }),
      "POST /admin/users/search": emptyUsers,
      "GET /admin/notification-channels": () => ({ body: { email: "outbox", sms: "outbox", developmentOutbox: true } }),
    });
    renderApp("/admin/users");
    const nav = await screen.findByRole("navigation", { name: "Main" });
    expect(await within(nav).findByRole("link", { name: "Outbox" })).toHaveAttribute("href", "/admin/outbox");
    expect(api.callsTo("GET", "/admin/notification-channels")).toHaveLength(1);
  });

  it("is absent when the server has no outbox (outside Development)", async () => {
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Admin"]) }),
      "POST /admin/users/search": emptyUsers,
      "GET /admin/notification-channels": () => ({ body: { email: "smtp", sms: "twilio", developmentOutbox: false } }),
    });
    renderApp("/admin/users");
    const nav = await screen.findByRole("navigation", { name: "Main" });
    expect(await within(nav).findByRole("link", { name: "Users" })).toBeInTheDocument();
    await vi.waitFor(() => expect(api.callsTo("GET", "/admin/notification-channels")).toHaveLength(1));
    expect(within(nav).queryByRole("link", { name: "Outbox" })).not.toBeInTheDocument();
    expect(api.callsTo("GET", "/admin/outbox")).toHaveLength(0);
  });

  it("is never asked about by other roles", async () => {
    const api = mockApi({ "GET /auth/session": () => ({ body: signedInSession(["Patient"], "Anna Petrova") }) });
    renderApp("/patient");
    expect(await screen.findByRole("heading", { name: "Welcome, Anna Petrova" })).toBeInTheDocument();
    expect(api.callsTo("GET", "/admin/notification-channels")).toHaveLength(0);
  });
});
