import { describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, problem, signedInSession } from "../../test/mockApi";
import { clock } from "../../shared/time/zonedTime";
import type { Appointment } from "../../shared/api/scheduling";

const appointment: Appointment = {
  id: "a1",
  doctorId: "d1",
  doctorName: "Dr Anna Petrova",
  patientId: "p1",
  patientName: "Ivan Kuznetsov",
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

function setup(roles: ("Patient" | "FrontDesk")[], current: () => Appointment, routes: Parameters<typeof mockApi>[0] = {}) {
  vi.spyOn(clock, "timeZone").mockReturnValue("Europe/Moscow");
  vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-22T12:00:00Z"));
  return mockApi({
    "GET /auth/session": () => ({ body: signedInSession(roles) }),
    "GET /clinics": () => ({ body: [{ id: "c1", name: "Moscow Clinic", city: "Moscow", timeZone: "Europe/Moscow" }] }),
    "GET /scheduling/appointments/a1": () => ({ body: current() }),
    ...routes,
  });
}

describe("appointment actions (issue 11, items 10 and 12)", () => {
  it("offers only the server's allowed actions: no confirm right after booking, no no-show before the start", async () => {
    setup(["FrontDesk"], () => ({ ...appointment, allowedActions: ["confirm", "reschedule", "cancel", "checkIn"] }));
    renderApp("/front-desk/appointments/a1");
    const card = await screen.findByRole("article");
    expect(within(card).getByRole("button", { name: "Check in" })).toBeInTheDocument();
    expect(within(card).queryByRole("button", { name: "No-show" })).not.toBeInTheDocument();
  });

  it("tells the patient the reminder will ask for confirmation instead of offering a Confirm button", async () => {
    setup(["Patient"], () => appointment);
    renderApp("/patient/appointments/a1");
    const card = await screen.findByRole("article");
    expect(within(card).queryByRole("button", { name: "Confirm appointment" })).not.toBeInTheDocument();
    expect(within(card).getByText("The reminder before your visit will ask you to confirm it.")).toBeInTheDocument();
  });

  it("names the clinic in the reader's language, as /clinics does, beside its city", async () => {
    setup(["Patient"], () => ({ ...appointment, clinicName: "Telemed Clinic Moscow" }), {
      "GET /clinics": () => ({ body: [{ id: "c1", name: "Клиника Telemed Москва", city: "Москва", timeZone: "Europe/Moscow" }] }),
    });
    renderApp("/patient/appointments/a1", "ru");
    const card = await screen.findByRole("article");
    expect(await within(card).findByText(/Клиника Telemed Москва/)).toBeInTheDocument();
    expect(card).toHaveTextContent("Клиника Telemed Москва (Москва)");
    expect(card).not.toHaveTextContent("Telemed Clinic Moscow");
  });

  it("words a reason the system gave in the reader's language, and shows what a person typed as typed", async () => {
    const cancelled: Appointment = { ...appointment, status: "cancelled", allowedActions: [], cancellationReason: null, cancellationCode: "doctor_unavailable" };
    setup(["Patient"], () => cancelled);
    const russian = renderApp("/patient/appointments/a1", "ru");
    expect(await within(await screen.findByRole("article")).findByText("Врач не принимает в этот день.")).toBeInTheDocument();
    expect(screen.queryByText("The doctor is not available that day.")).not.toBeInTheDocument();
    russian.unmount();

    setup(["Patient"], () => ({ ...cancelled, cancellationCode: "a_code_from_a_newer_server" }));
    const english = renderApp("/patient/appointments/a1");
    expect(await within(await screen.findByRole("article")).findByText("Cancelled by the clinic.")).toBeInTheDocument();
    english.unmount();

    setup(["Patient"], () => ({ ...cancelled, cancellationCode: null, cancellationReason: "Клиника закрыта на карантин" }));
    renderApp("/patient/appointments/a1");
    expect(await within(await screen.findByRole("article")).findByText("Клиника закрыта на карантин")).toBeInTheDocument();
  });

  it("says the visit was already cancelled when the cancel is refused, and stops offering it", async () => {
    let current = appointment;
    setup(["Patient"], () => current, {
      "POST /scheduling/appointments/a1/cancel": () => {
        current = { ...appointment, status: "cancelled", allowedActions: [] };
        return problem(409, "scheduling.invalid_transition");
      },
    });
    renderApp("/patient/appointments/a1");
    const card = await screen.findByRole("article");
    await userEvent.click(within(card).getByRole("button", { name: "Cancel appointment" }));
    await userEvent.type(within(card).getByLabelText("Reason"), "Better");
    await userEvent.click(within(card).getByRole("button", { name: "Cancel appointment" }));
    expect(await within(card).findByText("This visit has already been cancelled.")).toBeInTheDocument();
    expect(within(card).queryByRole("button", { name: "Cancel appointment" })).not.toBeInTheDocument();
    expect(screen.queryByText(/conflicts with the current state/)).not.toBeInTheDocument();
  });

  it("asks for the cancellation reason under its field before sending, instead of the server's raw 'reason:' list", async () => {
    const cancel = vi.fn(() => ({ body: { ...appointment, status: "cancelled", allowedActions: [] } }));
    setup(["Patient"], () => appointment, { "POST /scheduling/appointments/a1/cancel": cancel });
    renderApp("/patient/appointments/a1");
    const card = await screen.findByRole("article");
    await userEvent.click(within(card).getByRole("button", { name: "Cancel appointment" }));
    const reason = within(card).getByLabelText("Reason");
    expect(reason).toBeRequired();
    await userEvent.click(within(card).getByRole("button", { name: "Cancel appointment" }));
    expect(await within(card).findByText("Say why you are cancelling the visit.")).toBeInTheDocument();
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(reason).toHaveFocus();
    expect(cancel).not.toHaveBeenCalled();
    expect(within(card).queryByText(/reason:/)).not.toBeInTheDocument();
  });

  it("puts the server's reason error under the field in Russian", async () => {
    setup(["Patient"], () => appointment, {
      "POST /scheduling/appointments/a1/cancel": () =>
        problem(400, "validation.failed", { reason: ["Too long."] }),
    });
    renderApp("/patient/appointments/a1", "ru");
    const card = await screen.findByRole("article");
    await userEvent.click(within(card).getByRole("button", { name: "Отменить приём" }));
    await userEvent.type(within(card).getByLabelText("Причина"), "x");
    await userEvent.click(within(card).getByRole("button", { name: "Отменить приём" }));
    expect(await within(card).findByText("Too long.")).toBeInTheDocument();
    expect(within(card).getByLabelText("Причина")).toHaveAttribute("aria-invalid", "true");
    expect(within(card).queryByText(/reason:/)).not.toBeInTheDocument();
  });

  it("maps a no-show before the start to its own message in Russian", async () => {
    setup(["FrontDesk"], () => ({ ...appointment, allowedActions: ["noShow"] }), {
      "POST /scheduling/appointments/a1/no-show": () => problem(409, "scheduling.not_started"),
    });
    renderApp("/front-desk/appointments/a1", "ru");
    const card = await screen.findByRole("article");
    await userEvent.click(within(card).getByRole("button", { name: "Не пришёл" }));
    expect(await within(card).findByText("Неявку можно отметить только после начала приёма.")).toBeInTheDocument();
  });
});
