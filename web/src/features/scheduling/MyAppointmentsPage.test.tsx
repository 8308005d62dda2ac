import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";
import { clock } from "../../shared/time/zonedTime";
import type { Appointment, WaitlistEntry } from "../../shared/api/scheduling";
import type { ConsultationView } from "../../shared/api/consultations";

const consultation = (over: Partial<ConsultationView>): ConsultationView => ({
  id: "c0",
  kind: "chat",
  status: "completed",
  origin: "onDemand",
  specialty: "general-practice",
  doctorName: "Dr Sergey Volkov",
  ...over,
});

const consultations: ConsultationView[] = [
  consultation({ id: "k1", startedAt: "2026-11-20T09:00:00Z", endedAt: "2026-11-20T09:14:00Z", durationSeconds: 840, conversationId: "conv1" }),
  consultation({ id: "k2", kind: "video", status: "failed", doctorName: null, enteredWaitingAt: "2026-11-21T08:00:00Z", endedAt: "2026-11-21T08:20:00Z", failureReason: "doctorAbsent" }),
  // Still waiting, and a booked visit's consultation: neither is a past on-demand consultation.
  consultation({ id: "k3", status: "waiting", enteredWaitingAt: "2026-11-22T11:00:00Z" }),
  consultation({ id: "k4", origin: "booked", appointmentId: "a1", endedAt: "2026-11-19T08:00:00Z", durationSeconds: 600 }),
];

const appointment: Appointment = {
  id: "a1",
  doctorId: "d1",
  doctorName: "Dr Anna Petrova",
  patientId: "p1",
  clinicId: "c1",
  clinicName: "Moscow Clinic",
  clinicTimeZone: "Europe/Moscow",
  kind: "video",
  start: "2026-11-23T07:00:00Z",
  end: "2026-11-23T07:30:00Z",
  clinicLocal: "2026-11-23T10:00:00",
  status: "booked",
  lateCancellation: false,
  late: false,
  allowedActions: ["reschedule", "cancel"],
};

const entry: WaitlistEntry = {
  id: "w1",
  doctorId: "d1",
  doctorName: "Dr Anna Petrova",
  kind: "video",
  from: "2026-11-22",
  to: "2026-11-30",
  status: "waiting",
  offer: {
    id: "o1",
    start: "2026-11-24T07:00:00Z",
    end: "2026-11-24T07:30:00Z",
    doctorId: "d1",
    doctorName: "Dr Anna Petrova",
    clinicId: "c1",
    clinicName: "Moscow Clinic",
    clinicTimeZone: "Europe/Moscow",
    clinicLocal: "2026-11-24T10:00:00",
    expiresAt: "2026-11-22T12:30:00Z",
  },
};

function setup(payment?: Record<string, unknown>, mine: ConsultationView[] = consultations) {
  // The server's state: a cancel changes what the next read returns.
  let current: Appointment = appointment;
  vi.spyOn(clock, "timeZone").mockReturnValue("Asia/Tokyo");
  vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-22T12:00:00Z"));
  return mockApi({
    "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
    "GET /clinics": () => ({ body: [{ id: "c1", name: "Moscow Clinic", city: "Moscow", timeZone: "Europe/Moscow" }] }),
    "GET /specialties": () => ({ body: [] }),
    "GET /scheduling/appointments/mine": () => ({ body: [current] }),
    "GET /scheduling/waitlist/mine": () => ({ body: [entry] }),
    "GET /consultations/mine": () => ({ body: mine }),
    "POST /scheduling/appointments/a1/cancel": () => {
      current = { ...appointment, status: "cancelled", lateCancellation: true, allowedActions: [] };
      return { body: current };
    },
    "POST /scheduling/waitlist/offers/o1/accept": () => ({ status: 201, body: { ...appointment, id: "a2", start: entry.offer!.start } }),
    "GET /scheduling/appointments/a2": () => ({ body: { ...appointment, id: "a2", start: entry.offer!.start } }),
    ...(payment ? { "GET /appointments/a1/payment": () => ({ body: payment }) } : {}),
  });
}

describe("my appointments", () => {
  it("cancels with a reason and reports a late cancellation", async () => {
    const api = setup();
    renderApp("/patient/appointments");
    const upcoming = await screen.findByTestId("upcoming-appointments");
    const card = await within(upcoming).findByRole("article");
    expect(card).toHaveTextContent("Monday, November 23, 2026, 4:00 PM");
    expect(card).toHaveTextContent("10:00 AM in Moscow");
    expect(within(card).getByRole("link", { name: "Add to calendar (.ics)" })).toHaveAttribute(
      "href",
      "/api/v1/scheduling/appointments/a1/calendar.ics?language=en",
    );
    await userEvent.click(within(card).getByRole("button", { name: "Cancel appointment" }));
    expect(within(card).getByText(/recorded as a late cancellation/)).toBeInTheDocument();
    expect(within(card).getByLabelText("Reason")).toHaveAttribute("dir", "auto");
    await userEvent.type(within(card).getByLabelText("Reason"), "Travelling");
    await userEvent.click(within(card).getByRole("button", { name: "Cancel appointment" }));
    expect(await screen.findByText(/counts as a late cancellation/)).toBeInTheDocument();
    expect(api.callsTo("POST", "/scheduling/appointments/a1/cancel")[0]!.body).toEqual({ reason: "Travelling" });
  });

  it("tells the patient what a late cancellation costs before they cancel a paid visit", async () => {
    // The walk of the fee: the form said only that a late cancellation "is recorded", then half the price was taken from the card.
    const rub = (amountMinor: number) => ({ amountMinor, currency: "RUB" });
    setup({
      id: "pay1",
      appointmentId: "a1",
      status: "authorised",
      quote: rub(154000),
      quotedMinutes: 30,
      authorised: rub(154000),
      captured: rub(0),
      refunded: rub(0),
      refunds: [],
      amountDue: rub(0),
      lateCancellationFee: rub(77000),
      billedMinutes: null,
      settlement: null,
      declineCode: null,
      createdAt: "2026-11-22T10:00:00Z",
      updatedAt: "2026-11-22T10:00:00Z",
    });
    renderApp("/patient/appointments");
    const card = await within(await screen.findByTestId("upcoming-appointments")).findByRole("article");
    await userEvent.click(within(card).getByRole("button", { name: "Cancel appointment" }));
    expect(await within(card).findByTestId("late-cancellation-fee")).toHaveTextContent(
      /A late cancellation costs the clinic's fee of RUB\s770\.00: it is taken from the amount held on your card/,
    );
  });

  it("says nothing of a fee for a visit without a payment", async () => {
    const api = setup();
    renderApp("/patient/appointments");
    const card = await within(await screen.findByTestId("upcoming-appointments")).findByRole("article");
    await userEvent.click(within(card).getByRole("button", { name: "Cancel appointment" }));
    await waitFor(() => expect(api.callsTo("GET", "/appointments/a1/payment")).toHaveLength(1));
    expect(within(card).queryByTestId("late-cancellation-fee")).not.toBeInTheDocument();
  });

  it("shows a held waitlist offer with its countdown and takes it", async () => {
    const api = setup();
    const app = renderApp("/patient/appointments");
    const offer = await screen.findByTestId("waitlist-offer");
    expect(offer).toHaveTextContent("Tuesday, November 24, 2026, 4:00 PM your time · 10:00 AM in Moscow");
    expect(within(offer).getByTestId("offer-countdown")).toHaveTextContent("Held for you for 30:00 more.");
    await userEvent.click(within(offer).getByRole("button", { name: "Take this slot" }));
    await waitFor(() => expect(app.router().state.location.pathname).toBe("/patient/appointments/a2"));
    expect(api.callsTo("POST", "/scheduling/waitlist/offers/o1/accept")).toHaveLength(1);
  });

  it("says why an expired offer can no longer be taken or declined", async () => {
    setup();
    renderApp("/patient/appointments");
    const offer = await screen.findByTestId("waitlist-offer");
    // The hold runs out while the page is open: the card stays, its buttons do not.
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-22T12:31:00Z"));
    await waitFor(() => expect(within(offer).getByTestId("offer-countdown")).toHaveTextContent("This offer has expired."), { timeout: 3000 });
    for (const name of ["Take this slot", "Decline"]) {
      const button = within(offer).getByRole("button", { name });
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription("This offer has expired.");
    }
  });

  it("lists past on-demand consultations with the doctor, date, duration, a readable failure reason and the conversation", async () => {
    setup();
    renderApp("/patient/appointments");
    const list = await screen.findByTestId("past-consultations");
    const rows = await within(list).findAllByTestId("past-consultation");
    expect(rows.map((r) => r.dataset.consultationId)).toEqual(["k2", "k1"]);
    const [failed, completed] = rows as [HTMLElement, HTMLElement];
    expect(completed).toHaveTextContent("On-demand Chat consultation with Dr Sergey Volkov");
    expect(completed).toHaveTextContent("Friday, November 20, 2026, 6:14 PM");
    expect(within(completed).getByTestId("past-consultation-duration")).toHaveTextContent("Duration: 14 min");
    expect(within(completed).getByRole("link", { name: "Open the conversation" })).toHaveAttribute("href", "/patient/messages/conv1");
    expect(failed).toHaveTextContent("Did not take place");
    expect(within(failed).getByTestId("past-consultation-reason")).toHaveTextContent("The doctor could not join.");
    expect(within(failed).queryByRole("link")).toBeNull();
    // The account's own consultations name no one.
    expect(within(list).queryByTestId("item-for")).toBeNull();
  });

  it("says whom a guardian's child's consultation is for, and nothing on the guardian's own", async () => {
    setup(undefined, [
      consultation({ id: "own", endedAt: "2026-11-20T09:14:00Z", patientId: "p1" }),
      consultation({ id: "childs", endedAt: "2026-11-21T09:14:00Z", patientId: "p2", patientName: "Sofia Kuznetsova" }),
    ]);
    renderApp("/patient/appointments");
    const list = await screen.findByTestId("past-consultations");
    await waitFor(() => expect(within(list).getAllByTestId("past-consultation")).toHaveLength(2));
    const [childs, own] = within(list).getAllByTestId("past-consultation") as [HTMLElement, HTMLElement];
    expect(childs.dataset.consultationId).toBe("childs");
    expect(within(childs).getByTestId("item-for")).toHaveTextContent("For Sofia Kuznetsova");
    expect(within(own).queryByTestId("item-for")).toBeNull();
  });
});
