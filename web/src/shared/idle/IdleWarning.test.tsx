import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, session, signedInSession, type MockResult } from "../../test/mockApi";

const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
const minutes = (m: number) => m * 60_000;

describe("idle timeout UI", () => {
  it("warns after 13 idle minutes, extends on 'Stay signed in', ends the session at 15", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    let serverSignedIn = true;
    const api = mockApi({
      "GET /auth/session": () => ({ body: serverSignedIn ? signedInSession(["Pharmacist"]) : session() }),
      "POST /auth/touch": () => ({ status: 204 }),
    });
    const app = renderApp("/pharmacist");
    expect(await screen.findByRole("heading", { name: "Pharmacy" })).toBeInTheDocument();
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();

    vi.setSystemTime(T0 + minutes(12) + 59_000);
    await new Promise((r) => setTimeout(r, 1100));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();

    vi.setSystemTime(T0 + minutes(13) + 1000);
    const dialog = await screen.findByRole("alertdialog", {}, { timeout: 3000 });
    expect(within(dialog).getByRole("heading", { name: "Are you still there?" })).toBeInTheDocument();
    expect(within(dialog).getByTestId("idle-countdown")).toHaveTextContent("1:59");
    // The page behind the dialog is hidden: only the dialog's "Sign out" is reachable.
    expect(screen.getAllByRole("button", { name: "Sign out" })).toHaveLength(1);
    // Focus moves in an effect after the dialog mounts; on a busy machine the assertion can run first.
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Stay signed in" })).toHaveFocus());

    await userEvent.click(within(dialog).getByRole("button", { name: "Stay signed in" }));
    expect(api.callsTo("POST", "/auth/touch")).toHaveLength(1);
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());

    // Idle again, past the full 15 minutes: the app asks the server, which has ended the session.
    serverSignedIn = false;
    const touchedAt = Date.now();
    vi.setSystemTime(touchedAt + minutes(15) + 1000);
    const alert = await screen.findByRole("alert", {}, { timeout: 3000 });
    expect(alert).toHaveTextContent("Your session ended after 15 minutes without activity");
    expect(app.router().state.location.pathname).toBe("/sign-in");
    expect(api.callsTo("GET", "/auth/session").length).toBeGreaterThanOrEqual(2);
  }, 20_000);

  it("goes to sign-in with the message when any call answers 401 after sign-in", { timeout: 20_000 }, async () => {
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
      "GET /doctor/patients": () => ({ status: 401, body: { status: 401, code: "unauthorized" } }),
    });
    const app = renderApp("/doctor");
    // The doctor's home page makes several reads; the one answering 401 ends the session whichever answers first.
    const alert = await screen.findByText(/Your session ended after 15 minutes without activity/, {}, { timeout: 10_000 });
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    expect(app.router().state.location.pathname).toBe("/sign-in");
    expect(screen.getByRole("heading", { name: "Sign in" })).toBeInTheDocument();
  });

  it("signs out from the warning dialog", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const api = mockApi({
      "GET /auth/session": () => ({ body: api.callsTo("POST", "/auth/sign-out").length ? session() : signedInSession(["Patient"]) }),
      "POST /auth/sign-out": () => ({ status: 204 }),
    });
    const app = renderApp("/patient");
    await screen.findByRole("heading", { name: /Welcome/ });
    vi.setSystemTime(T0 + minutes(14));
    const dialog = await screen.findByRole("alertdialog", {}, { timeout: 3000 });
    await userEvent.click(within(dialog).getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(app.router().state.location.pathname).toBe("/sign-in"));
    expect(api.callsTo("POST", "/auth/sign-out")).toHaveLength(1);
    expect(await screen.findByText("You have signed out.")).toBeInTheDocument();
    expect(screen.queryByText(/Your session ended/)).not.toBeInTheDocument();
  });

  it("shows the dialog's Sign out as working while it is sent; Stay signed in waits disabled", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    let answer: (result: MockResult) => void = () => {};
    let signedOut = false;
    mockApi({
      "GET /auth/session": () => ({ body: signedOut ? session() : signedInSession(["Patient"]) }),
      "POST /auth/sign-out": () =>
        new Promise<MockResult>((resolve) => {
          answer = (result) => {
            signedOut = true;
            resolve(result);
          };
        }),
    });
    const app = renderApp("/patient");
    await screen.findByRole("heading", { name: /Welcome/ });
    vi.setSystemTime(T0 + minutes(14));
    const dialog = await screen.findByRole("alertdialog", {}, { timeout: 3000 });
    const signOut = within(dialog).getByRole("button", { name: "Sign out" });
    const stay = within(dialog).getByRole("button", { name: "Stay signed in" });

    await userEvent.click(signOut);
    expect(signOut).toBeDisabled();
    expect(signOut).toHaveAttribute("aria-busy", "true");
    expect(stay).toBeDisabled();
    expect(stay).not.toHaveAttribute("aria-busy");
    expect(within(dialog).getAllByTestId("busy-announcement").map((a) => a.textContent)).toEqual(["", "Working…"]);

    answer({ status: 204 });
    await waitFor(() => expect(app.router().state.location.pathname).toBe("/sign-in"));
    expect(document.querySelector('[aria-busy="true"]')).toBeNull();
  });
});
