import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, problem, signedInSession } from "../../test/mockApi";

describe("doctor's patient page", () => {
  it("offers break-glass when there is no care relationship, then shows the clinical data", async () => {
    let granted = false;
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Doctor"]) }),
      "GET /patients/p9/demographics": () => ({
        body: { id: "p9", givenName: "Boris", familyName: "Orlov", dateOfBirth: "1971-02-03", sex: "male", phone: null, email: null },
      }),
      "GET /patients/p9/clinical": () =>
        granted ? { body: { id: "p9", allergies: ["Latex"], chronicConditions: ["Hypertension"], insurance: null } } : problem(404, "not_found"),
      "POST /patients/p9/break-glass": () => {
        granted = true;
        return { body: { expiresAt: "2026-11-21T14:00:00Z" } };
      },
    });
    renderApp("/doctor/patients/p9");
    expect(await screen.findByRole("heading", { name: "Boris Orlov" })).toHaveAttribute("dir", "auto");
    expect(await screen.findByRole("heading", { name: "No care relationship" })).toBeInTheDocument();

    const reason = screen.getByLabelText("Reason for emergency access");
    await userEvent.type(reason, "too short");
    await userEvent.click(screen.getByRole("button", { name: "Request emergency access" }));
    expect(await screen.findByText("Give a reason of at least 10 characters.")).toBeInTheDocument();
    expect(api.callsTo("POST", "/patients/p9/break-glass")).toHaveLength(0);

    await userEvent.type(reason, " — unconscious in ER");
    await userEvent.click(screen.getByRole("button", { name: "Request emergency access" }));
    expect(api.callsTo("POST", "/patients/p9/break-glass")[0]?.body).toEqual({ reason: "too short — unconscious in ER" });
    const clinical = await screen.findByTestId("clinical");
    expect(within(clinical).getByText("Hypertension")).toBeInTheDocument();
    expect(screen.queryByText("No care relationship")).not.toBeInTheDocument();
  });
});
