import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";

describe("the compact phone menu", () => {
  it("opens from the Menu button and closes when a link is followed", async () => {
    const page = () => ({ body: { items: [], total: 0, page: 1, pageSize: 20 } });
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Admin"]) }),
      "POST /admin/users/search": page,
      "GET /admin/doctors": page,
      "GET /admin/notification-channels": () => ({ body: { email: "smtp", sms: "twilio", developmentOutbox: false } }),
    });
    const app = renderApp("/admin/users");
    const nav = await screen.findByRole("navigation", { name: "Main" });
    const toggle = within(nav).getByRole("button", { name: "Menu" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(toggle).toHaveAttribute("aria-controls", "main-nav-menu");
    expect(nav.querySelector("#main-nav-menu")).not.toBeNull();

    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(nav.closest(".nav-bar")).toHaveAttribute("data-open", "true");
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "false");

    await userEvent.click(toggle);
    await userEvent.click(within(nav).getByRole("link", { name: "Doctor verification" }));
    expect(app.router().state.location.pathname).toBe("/admin/doctors");
    expect(within(nav).getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
  });

  it("closes with Escape from the button or a link inside, and gives focus back to the button", async () => {
    const page = () => ({ body: { items: [], total: 0, page: 1, pageSize: 20 } });
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Admin"]) }),
      "POST /admin/users/search": page,
      "GET /admin/notification-channels": () => ({ body: { email: "smtp", sms: "twilio", developmentOutbox: false } }),
    });
    renderApp("/admin/users");
    const nav = await screen.findByRole("navigation", { name: "Main" });
    const toggle = within(nav).getByRole("button", { name: "Menu" });
    await userEvent.click(toggle);
    await userEvent.keyboard("{Escape}");
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(toggle).toHaveFocus();

    await userEvent.click(toggle);
    within(nav).getByRole("link", { name: "Doctor verification" }).focus();
    await userEvent.keyboard("{Escape}");
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(toggle).toHaveFocus();
  });
});
