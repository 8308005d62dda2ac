import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { json, mockApi, problem, signedInSession, type MockResult } from "../../test/mockApi";
import type { MyPrescription, RefillApprovalStarted, RefillRequest } from "./refillsApi";
import { sentence } from "../../test/sentence";

const rxId = "22222222-2222-4222-8222-222222222222";
const refillId = "33333333-3333-4333-8333-333333333333";
const newRx = "55555555-5555-4555-8555-555555555555";
const prescription: MyPrescription = {
  id: rxId,
  status: "active",
  medicineName: "Paracetamol 500 mg tablets",
  dosageText: "500 mg 3 times a day for 7 days, oral.",
  prescriberName: "Natalia Lebedeva",
  issuedAt: "2026-11-20T09:00:00Z",
  validUntil: "2027-01-19T09:00:00Z",
};
const refill: RefillRequest = {
  id: refillId,
  prescriptionId: rxId,
  consultationId: "44444444-4444-4444-8444-444444444444",
  patientName: "Daria Komarova",
  patientId: "55555555-5555-4555-8555-555555555555",
  medicineName: "Paracetamol 500 mg tablets",
  dosageText: "500 mg 3 times a day for 7 days, oral.",
  status: "requested",
  patientNote: "Running out on Friday",
  declineReason: null,
  newPrescriptionId: null,
  requestedAt: "2026-11-30T08:00:00Z",
  decidedAt: null,
};

describe("the patient's prescriptions", () => {
  it("asks for a refill of an active prescription with a note and then shows it waiting", async () => {
    let requested = false;
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /me/prescriptions": () => json(200, [prescription]),
      "GET /me/refill-requests": () => json(200, requested ? [refill] : []),
      [`POST /me/prescriptions/${rxId}/refill-requests`]: () => {
        requested = true;
        return json(201, refill);
      },
    });
    renderApp("/patient/refills");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Request a refill" }));
    expect(screen.getByLabelText("Note for the doctor (optional)")).toHaveAttribute("dir", "auto");
    await user.type(screen.getByLabelText("Note for the doctor (optional)"), "Running out on Friday");
    await user.click(screen.getByRole("button", { name: "Send request" }));
    expect(await screen.findByText("Refill requested — waiting for the doctor.")).toBeInTheDocument();
    expect(api.callsTo("POST", `/me/prescriptions/${rxId}/refill-requests`)).toHaveLength(1);
    expect(screen.queryByRole("button", { name: "Request a refill" })).not.toBeInTheDocument();
  });

  it("shows the doctor's reason for a declined request, in Russian", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /me/prescriptions": () => json(200, [{ ...prescription, status: "expired" }]),
      "GET /me/refill-requests": () => json(200, [{ ...refill, status: "declined", declineReason: "Нужен очный приём", decidedAt: "2026-11-30T10:00:00Z" }]),
    });
    renderApp("/patient/refills", "ru");
    expect(await screen.findByText(sentence("Причина отказа: Нужен очный приём"))).toBeInTheDocument();
    expect(screen.getByText(/Отклонено/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Запросить продление" })).not.toBeInTheDocument();
  });

  it("says so when a refill is already waiting", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /me/prescriptions": () => json(200, [prescription]),
      "GET /me/refill-requests": () => json(200, []),
      [`POST /me/prescriptions/${rxId}/refill-requests`]: () => problem(409, "clinical.refill_already_requested"),
    });
    renderApp("/patient/refills");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Request a refill" }));
    await user.click(screen.getByRole("button", { name: "Send request" }));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(screen.getByLabelText("Note for the doctor (optional)")).toBeInTheDocument();
  });
});

describe("the doctor's refill tasks", () => {
  it("approves, then signs the drafted prescription", async () => {
    const draft: RefillApprovalStarted = { refillRequestId: refillId, consultationId: refill.consultationId, prescriptionId: newRx, version: 1 };
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"])),
      "GET /clinical/refill-requests": () => json(200, [refill]),
      [`POST /clinical/refill-requests/${refillId}/approve`]: () => json(200, draft),
      [`POST /consultations/${refill.consultationId}/prescriptions/${newRx}/sign`]: () => json(200, {}),
    });
    renderApp("/doctor/refill-requests");
    // The patient's note (user text) is isolated from the app's words before it.
    const note = await screen.findByText((_, el) => el?.tagName === "P" && el.textContent === "Patient's note: Running out on Friday");
    expect(note.querySelector("bdi")).toHaveTextContent("Running out on Friday");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Approve" }));
    await user.click(await screen.findByRole("button", { name: "Sign the new prescription" }));
    expect(await screen.findByText("Signed. The patient will be told.")).toBeInTheDocument();
    expect(api.callsTo("POST", `/consultations/${draft.consultationId}/prescriptions/${draft.prescriptionId}/sign`)).toHaveLength(1);
  });

  it("declines only with a reason, in Russian", async () => {
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"])),
      "GET /clinical/refill-requests": () => json(200, [refill]),
      [`POST /clinical/refill-requests/${refillId}/decline`]: () => json(200, { ...refill, status: "declined" }),
    });
    renderApp("/doctor/refill-requests", "ru");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Отклонить" }));
    const confirm = screen.getByRole("button", { name: "Отклонить запрос" });
    expect(confirm).toBeDisabled();
    await user.type(screen.getByLabelText("Причина (пациент её увидит)"), "Нужен очный приём");
    await user.click(confirm);
    await waitFor(() => expect(api.callsTo("POST", `/clinical/refill-requests/${refillId}/decline`)).toHaveLength(1));
  });

  it("shows only the action sent as working: Approve, then Sign, then (another time) Decline", async () => {
    const draft: RefillApprovalStarted = { refillRequestId: refillId, consultationId: refill.consultationId, prescriptionId: newRx, version: 1 };
    const held: Record<string, (result: MockResult) => void> = {};
    const hold = (name: string) => () => new Promise<MockResult>((resolve) => (held[name] = resolve));
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"])),
      "GET /clinical/refill-requests": () => json(200, [refill]),
      [`POST /clinical/refill-requests/${refillId}/approve`]: hold("approve"),
      [`POST /consultations/${refill.consultationId}/prescriptions/${newRx}/sign`]: hold("sign"),
      [`POST /clinical/refill-requests/${refillId}/decline`]: hold("decline"),
    });
    const app = renderApp("/doctor/refill-requests");
    const user = userEvent.setup();
    const card = await screen.findByRole("article", { name: /Daria Komarova/ });
    const announcement = () => within(card).getByTestId("busy-announcement");

    await user.click(within(card).getByRole("button", { name: "Approve" }));
    const approving = within(card).getByRole("button", { name: "Approving…" });
    expect(approving).toBeDisabled();
    expect(approving).toHaveAttribute("aria-busy", "true");
    const declineToggle = within(card).getByRole("button", { name: "Decline" });
    expect(declineToggle).toBeDisabled();
    expect(declineToggle).not.toHaveAttribute("aria-busy");
    expect(announcement()).toHaveTextContent("Approving…");

    held.approve!(json(200, draft));
    const sign = await within(card).findByRole("button", { name: "Sign the new prescription" });
    expect(sign).toBeEnabled();
    expect(sign).not.toHaveAttribute("aria-busy");
    expect(announcement()).toBeEmptyDOMElement();

    await user.click(sign);
    expect(sign).toHaveAttribute("aria-busy", "true");
    expect(sign).toBeDisabled();
    expect(announcement()).toHaveTextContent("Signing…");
    held.sign!(problem(409, "conflict"));
    expect(await within(card).findByRole("alert")).toBeInTheDocument();
    expect(within(card).getByRole("button", { name: "Sign the new prescription" })).not.toHaveAttribute("aria-busy");
    expect(announcement()).toBeEmptyDOMElement();
    app.unmount();

    renderApp("/doctor/refill-requests");
    const again = await screen.findByRole("article", { name: /Daria Komarova/ });
    await user.click(within(again).getByRole("button", { name: "Decline" }));
    await user.type(within(again).getByLabelText("Reason (the patient will read it)"), "Needs a visit");
    await user.click(within(again).getByRole("button", { name: "Decline request" }));
    const declining = within(again).getByRole("button", { name: "Declining…" });
    expect(declining).toBeDisabled();
    expect(declining).toHaveAttribute("aria-busy", "true");
    const cancel = within(again).getByRole("button", { name: "Cancel" });
    expect(cancel).toBeDisabled();
    expect(cancel).not.toHaveAttribute("aria-busy");
    expect(within(again).getByTestId("busy-announcement")).toHaveTextContent("Declining…");

    held.decline!(problem(409, "conflict"));
    expect(await within(again).findByRole("alert")).toBeInTheDocument();
    const confirm = within(again).getByRole("button", { name: "Decline request" });
    expect(confirm).toBeEnabled();
    expect(confirm).not.toHaveAttribute("aria-busy");
    expect(within(again).getByRole("button", { name: "Cancel" })).toBeEnabled();
    expect(within(again).getByTestId("busy-announcement")).toBeEmptyDOMElement();
  });
});
