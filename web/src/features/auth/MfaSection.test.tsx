import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";

const newCodes = Array.from({ length: 10 }, (_, i) => `code-${i}`);

describe("the account page's two-factor section", () => {
  it("tells staff MFA stays on, and makes new recovery codes only with a right authenticator code, showing them once", async () => {
    let left = 2;
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
      "GET /auth/mfa": () => ({ body: { enabled: true, recoveryCodesLeft: left, required: true } }),
      "POST /auth/mfa/recovery-codes": (req) => {
        if ((req.body as { code: string }).code !== "123456") {
          return { status: 400, body: { status: 400, code: "validation.failed", errors: { code: ["The code is not valid. Check your authenticator app and try again."] } } };
        }
        left = 10;
        return { body: { recoveryCodes: newCodes } };
      },
    });
    renderApp("/account");
    const section = await screen.findByRole("region", { name: "Two-factor authentication" });
    expect(await within(section).findByText(/Staff accounts must keep two-factor authentication on/)).toBeInTheDocument();
    expect(within(section).getByTestId("recovery-codes-left")).toHaveTextContent("2 unused recovery codes left.");

    const code = within(section).getByLabelText("Current code from your authenticator app");
    await userEvent.type(code, "000000");
    await userEvent.click(within(section).getByRole("button", { name: "Make new recovery codes" }));
    expect(await within(section).findAllByText("The code is not valid. Check your authenticator app and try again.")).not.toHaveLength(0);
    expect(within(section).queryByTestId("new-recovery-codes")).not.toBeInTheDocument();

    await userEvent.clear(code);
    await userEvent.type(code, "123456");
    await userEvent.click(within(section).getByRole("button", { name: "Make new recovery codes" }));
    const list = await within(section).findByTestId("new-recovery-codes");
    expect(within(list).getAllByRole("listitem")).toHaveLength(10);
    expect(within(section).getByRole("link", { name: "Download as a file" })).toHaveAttribute("download", "telemed-recovery-codes.txt");
    expect(await within(section).findByText("10 unused recovery codes left.")).toBeInTheDocument();
    expect(api.callsTo("POST", "/auth/mfa/recovery-codes")).toHaveLength(2);

    await userEvent.click(within(section).getByRole("button", { name: "Done" }));
    expect(within(section).queryByTestId("new-recovery-codes")).not.toBeInTheDocument();
  });

  it("offers a patient without MFA to set it up", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /auth/mfa": () => ({ body: { enabled: false, recoveryCodesLeft: 0, required: false } }),
    });
    renderApp("/account");
    const section = await screen.findByRole("region", { name: "Two-factor authentication" });
    expect(await within(section).findByText(/Off: signing in needs only your password/)).toBeInTheDocument();
    expect(within(section).getByRole("link", { name: "Set up two-factor authentication" })).toHaveAttribute("href", "/mfa/enrol");
  });
});
