import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, problem, session, signedInSession, type MockResult } from "../../test/mockApi";

describe("sign-in page", () => {
  it("validates before calling the server", async () => {
    const api = mockApi({ "GET /auth/session": () => ({ body: session() }) });
    renderApp("/sign-in");
    await userEvent.click(await screen.findByRole("button", { name: "Sign in" }));
    expect(await screen.findAllByText("This field is required.")).toHaveLength(2);
    await userEvent.type(screen.getByLabelText("E-mail"), "nope");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Enter a valid e-mail address.")).toBeInTheDocument();
    expect(api.callsTo("POST", "/auth/sign-in")).toHaveLength(0);
  });

  it("shows Sign in as busy while the server answers, and back to normal after", async () => {
    let answer: (result: MockResult) => void = () => {};
    mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "POST /auth/sign-in": () => new Promise<MockResult>((resolve) => (answer = resolve)),
    });
    renderApp("/sign-in");
    await userEvent.type(await screen.findByLabelText("E-mail"), "anna@example.org");
    await userEvent.type(screen.getByLabelText("Password"), "wrong-password");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    const busy = await screen.findByRole("button", { name: "Signing in…" });
    expect(busy).toBeDisabled();
    expect(busy).toHaveAttribute("aria-busy", "true");
    answer(problem(401, "auth.invalid_credentials"));
    expect(await screen.findByRole("alert")).toHaveTextContent("The e-mail or password is not correct.");
    const signIn = screen.getByRole("button", { name: "Sign in" });
    expect(signIn).toBeEnabled();
    expect(signIn).not.toHaveAttribute("aria-busy");
  });

  it("shows a translated message for a known error code and keeps what was typed", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "POST /auth/sign-in": () => problem(401, "auth.invalid_credentials"),
    });
    renderApp("/sign-in");
    await userEvent.type(await screen.findByLabelText("E-mail"), "anna@example.org");
    await userEvent.type(screen.getByLabelText("Password"), "wrong-password");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The e-mail or password is not correct.");
    expect(screen.getByLabelText("E-mail")).toHaveValue("anna@example.org");
    expect(screen.getByLabelText("Password")).toHaveValue("wrong-password");
  });

  it("puts server field errors under the fields", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "POST /auth/sign-in": () => problem(400, "validation.failed", { Email: ["The e-mail is malformed on the server."] }),
    });
    renderApp("/sign-in");
    await userEvent.type(await screen.findByLabelText("E-mail"), "anna@example.org");
    await userEvent.type(screen.getByLabelText("Password"), "x");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    const email = screen.getByLabelText("E-mail");
    await waitFor(() => expect(email).toHaveAccessibleDescription("The e-mail is malformed on the server."));
    expect(email).toHaveAttribute("aria-invalid", "true");
  });

  it("fills the form from a demo account and goes to the user's portal", async () => {
    let signedIn = false;
    mockApi({
      "GET /auth/session": () => ({
        body: signedIn
          ? signedInSession(["Doctor"])
          : session({ environment: "Development", demoCredentials: [{ role: "Doctor", email: "doc@demo.test", password: "Demo!2345" }] }),
      }),
      "POST /auth/sign-in": (req) => {
        expect(req.body).toEqual({ email: "doc@demo.test", password: "Demo!2345" });
        signedIn = true;
        return { body: { status: "signedIn" } };
      },
      "GET /doctor/patients": () => ({ body: [] }),
    });
    const app = renderApp("/sign-in");
    const list = await screen.findByTestId("demo-accounts");
    expect(screen.getByRole("heading", { name: "Demo accounts" })).toBeInTheDocument();
    await userEvent.click(within(list).getByRole("button", { name: "Use: doc@demo.test" }));
    expect(screen.getByLabelText("E-mail")).toHaveValue("doc@demo.test");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(app.router().state.location.pathname).toBe("/doctor"));
    expect(await screen.findByText("You have no patients with an active care relationship.")).toBeInTheDocument();
  });

  it("shows each staff demo account's authenticator key and current code (RFC 6238)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(59_000);
    mockApi({
      "GET /auth/session": () => ({
        body: session({
          environment: "Development",
          demoCredentials: [
            { role: "Admin", email: "admin@demo.test", password: "Demo!2345", authenticatorKey: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" },
            { role: "Patient", email: "pat@demo.test", password: "Demo!2345", authenticatorKey: null },
          ],
        }),
      }),
    });
    renderApp("/sign-in");
    const list = await screen.findByTestId("demo-accounts");
    const [admin, patient] = within(list).getAllByRole("listitem");
    expect(within(admin!).getByText("Administrator")).toBeInTheDocument();
    expect(within(admin!).getByTestId("demo-key")).toHaveTextContent("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
    await waitFor(() => expect(within(admin!).getByTestId("demo-account-code")).toHaveTextContent("287 082"));
    expect(within(patient!).getByText("No second factor")).toBeInTheDocument();
    vi.useRealTimers();
  });

  it("offers to send the confirmation link again when the address is not confirmed", async () => {
    const api = mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "POST /auth/sign-in": () => problem(403, "auth.email_not_verified"),
      "POST /auth/verify-email/resend": (req) => {
        expect(req.body).toEqual({ email: "new@example.test" });
        return { status: 202 };
      },
    });
    renderApp("/sign-in");
    await userEvent.type(await screen.findByLabelText("E-mail"), "new@example.test");
    await userEvent.type(screen.getByLabelText("Password"), "a long password");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await userEvent.click(await screen.findByRole("button", { name: "Send the confirmation link again" }));
    expect(await screen.findByTestId("verification-resent")).toHaveTextContent("If new@example.test still needs confirming");
    expect(api.callsTo("POST", "/auth/verify-email/resend")).toHaveLength(1);
  });

  it("routes staff to the MFA steps", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "POST /auth/sign-in": () => ({ body: { status: "mfaEnrolmentRequired" } }),
      "GET /auth/mfa/enrolment": () => ({
        body: { sharedKey: "ABCD EFGH", authenticatorUri: "otpauth://totp/x", qrCodeSvgDataUri: "data:image/svg+xml;base64,PHN2Zy8+" },
      }),
      "POST /auth/mfa/enrolment": () => ({ body: { recoveryCodes: ["aaaa-1111", "bbbb-2222"] } }),
    });
    renderApp("/sign-in");
    await userEvent.type(await screen.findByLabelText("E-mail"), "new.doctor@example.org");
    await userEvent.type(screen.getByLabelText("Password"), "Str0ng!pass");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("img", { name: "QR code" })).toHaveAttribute("src", "data:image/svg+xml;base64,PHN2Zy8+");
    expect(screen.getByTestId("mfa-shared-key")).toHaveTextContent("ABCD EFGH");
    await userEvent.type(screen.getByLabelText("Code from your app"), "123456");
    await userEvent.click(screen.getByRole("button", { name: "Enable two-factor authentication" }));
    const codes = await screen.findByTestId("recovery-codes");
    expect(within(codes).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["aaaa-1111", "bbbb-2222"]);
    expect(screen.getByRole("button", { name: "Continue" })).toBeInTheDocument();
  });
});
