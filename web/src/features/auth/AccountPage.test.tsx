import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";

describe("the account page", () => {
  it("changes the password with the current one, and shows the server's word when the current one is wrong", async () => {
    let attempts = 0;
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
      "GET /doctor/patients": () => ({ body: [] }),
      "POST /auth/password/change": (req) => {
        attempts++;
        expect(req.body).toEqual({ currentPassword: attempts === 1 ? "wrong one" : "the old password", newPassword: "a new long password" });
        return attempts === 1
          ? {
              status: 400,
              body: { status: 400, code: "validation.failed", errors: { currentPassword: ["The current password is not correct."] } },
            }
          : { status: 204 };
      },
    });
    renderApp("/doctor");
    await userEvent.click(await screen.findByRole("link", { name: "Account" }));
    expect(await screen.findByRole("heading", { name: "Change password" })).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText("Current password"), "wrong one");
    await userEvent.type(screen.getByLabelText("New password"), "a new long password");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findAllByText("The current password is not correct.")).not.toHaveLength(0);

    await userEvent.clear(screen.getByLabelText("Current password"));
    await userEvent.type(screen.getByLabelText("Current password"), "the old password");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("Your password was changed. Other sessions were signed out.")).toBeInTheDocument();
    expect(screen.getByLabelText("Current password")).toHaveValue("");
    expect(api.callsTo("POST", "/auth/password/change")).toHaveLength(2);
  });
});
