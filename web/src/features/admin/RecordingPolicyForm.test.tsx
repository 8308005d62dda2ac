import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, problem, signedInSession } from "../../test/mockApi";
import { parseRetentionDays } from "./RecordingPolicyForm";

type Handler = Parameters<typeof mockApi>[0][string];

function routes(put: Handler = (req) => ({ body: { ...(req.body as object), recordingAvailable: true } }), policy = { allowed: false, retentionDays: 90, recordingAvailable: true }) {
  return mockApi({
    "GET /auth/session": () => ({ body: signedInSession(["Admin"]) }),
    "GET /clinics": () => ({ body: [{ id: "c1", name: "Central Clinic", city: "Moscow", timeZone: "Europe/Moscow" }] }),
    "GET /scheduling/clinics/c1/policy": () => ({ body: { cancellationCutoffHours: 24, reminderOffsetsHours: [48, 2], waitlistHoldMinutes: 30 } }),
    "GET /clinics/c1/recording-policy": () => ({ body: policy }),
    "PUT /clinics/c1/recording-policy": put,
  });
}

describe("call recording policy (admin, clinic policy page)", () => {
  it("parses the retention: whole days from 1 to 3650", () => {
    expect(parseRetentionDays(" 30 ")).toEqual({ days: 30 });
    expect(parseRetentionDays("3650")).toEqual({ days: 3650 });
    expect(parseRetentionDays("0").error).toBe("administration.recordingPolicy.retentionRange");
    expect(parseRetentionDays("3651").error).toBe("administration.recordingPolicy.retentionRange");
    expect(parseRetentionDays("1.5").error).toBe("administration.recordingPolicy.retentionWhole");
    expect(parseRetentionDays("").error).toBe("administration.recordingPolicy.retentionWhole");
  });

  it("loads, validates and saves whether calls may be recorded and how long recordings are kept", async () => {
    const api = routes();
    renderApp("/admin/clinic-policy");
    const section = await screen.findByTestId("recording-policy");
    const allowed = await within(section).findByTestId("recording-allowed");
    const days = within(section).getByTestId("recording-retention-days");
    expect(allowed).not.toBeChecked();
    expect(days).toHaveValue(90);

    await userEvent.click(allowed);
    await userEvent.clear(days);
    await userEvent.type(days, "0");
    await userEvent.click(within(section).getByTestId("recording-policy-save"));
    expect(await within(section).findByText("Enter a number of days from 1 to 3650.")).toBeInTheDocument();
    expect(days).toHaveAttribute("aria-invalid", "true");
    expect(api.callsTo("PUT", "/clinics/c1/recording-policy")).toHaveLength(0);

    await userEvent.clear(days);
    await userEvent.type(days, "365");
    await userEvent.click(within(section).getByTestId("recording-policy-save"));
    await waitFor(() => expect(api.callsTo("PUT", "/clinics/c1/recording-policy")).toHaveLength(1));
    expect(api.callsTo("PUT", "/clinics/c1/recording-policy")[0]!.body).toEqual({ allowed: true, retentionDays: 365 });
    expect(await within(section).findByText("Saved.")).toBeInTheDocument();
  });

  it("shows the server's field errors under the field", async () => {
    routes(() => problem(400, "validation_failed", { RetentionDays: ["Retention must be between 1 and 3650 days."] }));
    renderApp("/admin/clinic-policy");
    const section = await screen.findByTestId("recording-policy");
    await within(section).findByTestId("recording-allowed");
    await userEvent.click(within(section).getByTestId("recording-policy-save"));
    expect(await within(section).findByText("Retention must be between 1 and 3650 days.")).toBeInTheDocument();
    expect(within(section).getByTestId("recording-retention-days")).toHaveAttribute("aria-invalid", "true");
  });

  it("says why recording cannot be switched on where the deployment cannot record, and keeps the retention editable", async () => {
    const api = routes(undefined, { allowed: false, retentionDays: 90, recordingAvailable: false });
    renderApp("/admin/clinic-policy");
    const section = await screen.findByTestId("recording-policy");
    const allowed = await within(section).findByTestId("recording-allowed");
    expect(allowed).toBeDisabled();
    expect(within(section).getByTestId("recording-unavailable")).toHaveTextContent("Calls cannot be recorded on this installation");
    expect(allowed).toHaveAccessibleDescription(/group call server \(SFU\)/);

    const days = within(section).getByTestId("recording-retention-days");
    await userEvent.clear(days);
    await userEvent.type(days, "30");
    await userEvent.click(within(section).getByTestId("recording-policy-save"));
    await waitFor(() => expect(api.callsTo("PUT", "/clinics/c1/recording-policy")).toHaveLength(1));
    expect(api.callsTo("PUT", "/clinics/c1/recording-policy")[0]!.body).toEqual({ allowed: false, retentionDays: 30 });
  });

  it("lets a policy that already allows recording be switched off there, and explains the server's refusal", async () => {
    const api = routes(() => problem(409, "consultation.recording_unavailable"), { allowed: true, retentionDays: 90, recordingAvailable: false });
    renderApp("/admin/clinic-policy");
    const section = await screen.findByTestId("recording-policy");
    const allowed = await within(section).findByTestId("recording-allowed");
    expect(allowed).toBeEnabled();
    expect(allowed).toBeChecked();
    expect(within(section).getByTestId("recording-unavailable")).toHaveTextContent("Doctors are not offered recording");

    await userEvent.click(within(section).getByTestId("recording-policy-save"));
    await waitFor(() => expect(api.callsTo("PUT", "/clinics/c1/recording-policy")).toHaveLength(1));
    const refusal = await within(section).findByRole("alert");
    expect(refusal).toHaveAttribute("data-code", "consultation.recording_unavailable");
    expect(refusal).toHaveTextContent("Recording cannot be switched on: this installation has no group call server (SFU)");
  });
});
