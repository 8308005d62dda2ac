import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";
import { parsePolicy } from "./ClinicPolicyPage";

describe("clinic policy", () => {
  it("parses offsets, rejects nonsense", () => {
    expect(parsePolicy({ cancellationCutoffHours: "24", reminderOffsetsHours: "2, 48 48", waitlistHoldMinutes: "30" }).policy).toEqual({
      cancellationCutoffHours: 24,
      reminderOffsetsHours: [48, 2],
      waitlistHoldMinutes: 30,
    });
    expect(parsePolicy({ cancellationCutoffHours: "-1", reminderOffsetsHours: "x", waitlistHoldMinutes: "0" }).errors).toEqual({
      cancellationCutoffHours: "validation.nonNegative",
      reminderOffsetsHours: "scheduling.errors.offsets",
      waitlistHoldMinutes: "scheduling.errors.positive",
    });
  });

  it("loads and saves a clinic's policy", async () => {
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Admin"]) }),
      "GET /clinics": () => ({ body: [{ id: "c1", name: "Central Clinic", city: "Moscow", timeZone: "Europe/Moscow" }] }),
      "GET /scheduling/clinics/c1/policy": () => ({ body: { cancellationCutoffHours: 24, reminderOffsetsHours: [48, 2], waitlistHoldMinutes: 30 } }),
      "PUT /scheduling/clinics/c1/policy": (req) => ({ body: req.body }),
    });
    renderApp("/admin/clinic-policy");
    const cutoff = await screen.findByLabelText("Cancellation cutoff (hours)");
    expect(screen.getByLabelText("Reminders (hours before)")).toHaveValue("48, 2");
    await userEvent.clear(cutoff);
    await userEvent.type(cutoff, "12");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.callsTo("PUT", "/scheduling/clinics/c1/policy")).toHaveLength(1));
    expect(api.callsTo("PUT", "/scheduling/clinics/c1/policy")[0]!.body).toEqual({
      cancellationCutoffHours: 12,
      reminderOffsetsHours: [48, 2],
      waitlistHoldMinutes: 30,
    });
    expect(await screen.findByText("Saved.")).toBeInTheDocument();
  });
});
