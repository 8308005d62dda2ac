import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, session, signedInSession, type MockResult } from "../../test/mockApi";

describe("route guards and role-based navigation", () => {
  it("sends unauthenticated users to /sign-in", async () => {
    mockApi({ "GET /auth/session": () => ({ body: session() }) });
    const app = renderApp("/doctor");
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(app.router().state.location.pathname).toBe("/sign-in");
  });

  it("sends a wrong-role user to their own portal", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"], "Anna Petrova") }),
    });
    const app = renderApp("/admin/users");
    expect(await screen.findByRole("heading", { name: "Welcome, Anna Petrova" })).toBeInTheDocument();
    expect(app.router().state.location.pathname).toBe("/patient");
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Find a doctor" })).toHaveAttribute("href", "/patient/doctors");
    expect(within(nav).queryByRole("link", { name: "Users" })).not.toBeInTheDocument();
    expect(screen.getByTestId("user-display-name")).toHaveTextContent("Anna Petrova");
    await waitFor(() => expect(document.title).toBe("Patient portal — Telemed"));
  });

  it("lets a user with several roles switch portals", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Admin", "Pharmacist"]) }),
      "POST /admin/users/search": () => ({ body: { items: [], total: 0, page: 1, pageSize: 20 } }),
      "GET /pharmacist/pharmacy": () => ({
        body: { id: "p1", name: "Apteka Tverskaya 8", address: "Tverskaya st. 8", city: "Moscow", phone: "", openingHours: "" },
      }),
      "GET /pharmacist/prescriptions": () => ({ body: [] }),
    });
    const app = renderApp("/");
    await waitFor(() => expect(app.router().state.location.pathname).toBe("/admin"));
    const switcher = await screen.findByRole("navigation", { name: "Switch portal" });
    await userEvent.click(within(switcher).getByRole("link", { name: "Pharmacist" }));
    expect(await screen.findByTestId("my-pharmacy")).toHaveTextContent("Apteka Tverskaya 8");
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Home" })).toHaveAttribute("href", "/pharmacist");
  });

  it("switches the interface language and remembers it", async () => {
    mockApi({ "GET /auth/session": () => ({ body: session() }) });
    renderApp("/sign-in");
    await userEvent.click(await screen.findByRole("button", { name: "Русский" }));
    expect(await screen.findByRole("heading", { name: "Вход" })).toBeInTheDocument();
    expect(localStorage.getItem("telemed.language")).toBe("ru");
    expect(document.documentElement.lang).toBe("ru");
  });

  it("shows Sign out as working while the sign-out is sent", async () => {
    let answer: (result: MockResult) => void = () => {};
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"], "Anna Petrova") }),
      "POST /auth/sign-out": () => new Promise<MockResult>((resolve) => (answer = resolve)),
    });
    const app = renderApp("/patient");
    const signOut = await screen.findByRole("button", { name: "Sign out" });
    await userEvent.click(signOut);
    expect(signOut).toBeDisabled();
    expect(signOut).toHaveAttribute("aria-busy", "true");
    expect(signOut.nextElementSibling).toHaveAttribute("data-testid", "busy-announcement");
    expect(signOut.nextElementSibling).toHaveTextContent("Working…");

    answer({ status: 204 });
    await waitFor(() => expect(app.router().state.location.pathname).toBe("/sign-in"));
    expect(document.querySelector('[aria-busy="true"]')).toBeNull();
  });
});
