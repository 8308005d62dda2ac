import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";

const newKey = { sharedKey: "abcd efgh", authenticatorUri: "otpauth://totp/x", qrCodeSvgDataUri: "data:image/svg+xml;base64,PHN2Zy8+" };

describe("replacing an authenticator", () => {
  it("asks for the current code (or a recovery code) before it shows a new key", async () => {
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
      "GET /auth/mfa/enrolment": () => ({
        status: 403,
        body: { status: 403, code: "auth.mfa_current_code_required", detail: "Two-factor authentication is already set up." },
      }),
      "POST /auth/mfa/enrolment/replacement": (req) => {
        const body = req.body as { code?: string; recoveryCode?: string };
        if (body.recoveryCode === "rec-1234" || body.code === "123456") return { body: newKey };
        return { status: 400, body: { status: 400, code: "validation.failed", errors: { code: ["The code is not valid."] } } };
      },
    });
    renderApp("/mfa/enrol");
    const current = await screen.findByLabelText("Code from your current authenticator app");
    expect(screen.queryByTestId("mfa-shared-key")).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByText("Enter the code, or a recovery code.")).toBeInTheDocument();
    expect(api.callsTo("POST", "/auth/mfa/enrolment/replacement")).toHaveLength(0);

    await userEvent.type(current, "000000");
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findAllByText("The code is not valid.")).not.toHaveLength(0);
    expect(screen.queryByTestId("mfa-shared-key")).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: /use a recovery code/ }));
    await userEvent.type(screen.getByLabelText("Recovery code"), "rec-1234");
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByTestId("mfa-shared-key")).toHaveTextContent("abcd efgh");
    expect(api.callsTo("POST", "/auth/mfa/enrolment/replacement").at(-1)!.body).toEqual({ recoveryCode: "rec-1234" });
  });
});
