import { describe, expect, it, vi } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, problem, signedInSession, type MockResult } from "../../test/mockApi";
import type { Appointment } from "../../shared/api/scheduling";
import type { LiveConnection } from "./frontDeskHub";

/** A fake hub connection the test can drive. */
class FakeConnection implements LiveConnection {
  handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  invocations: [string, ...unknown[]][] = [];
  reconnected?: () => void;
  reconnecting?: () => void;
  start = vi.fn(async () => undefined);
  stop = vi.fn(async () => undefined);
  async invoke(method: string, ...args: unknown[]) {
    this.invocations.push([method, ...args]);
    return undefined;
  }
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }
  off(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, (this.handlers.get(event) ?? []).filter((h) => h !== handler));
  }
  onreconnecting(cb: () => void) {
    this.reconnecting = cb;
  }
  onreconnected(cb: () => void) {
    this.reconnected = cb;
  }
  onclose() {}
  emit(event: string, payload: unknown) {
    for (const h of this.handlers.get(event) ?? []) h(payload);
  }
}

const connections: FakeConnection[] = [];
vi.mock("./frontDeskHub", () => ({
  createFrontDeskConnection: () => {
    const c = new FakeConnection();
    connections.push(c);
    return c;
  },
}));

const appointment = (status: Appointment["status"], id = "a1"): Appointment => ({
  id,
  doctorId: "d1",
  doctorName: "Dr Ivan Petrov",
  patientId: "p1",
  patientName: "Olga Smirnova",
  clinicId: "c1",
  clinicName: "Central Clinic",
  clinicTimeZone: "Europe/Moscow",
  kind: "inPerson",
  start: "2026-11-23T07:00:00Z",
  end: "2026-11-23T07:30:00Z",
  clinicLocal: "2026-11-23T10:00:00",
  status,
  lateCancellation: false,
  late: false,
});

describe("front desk day", () => {
  it("watches the clinic and re-reads the day when the hub says an appointment changed", async () => {
    let status: Appointment["status"] = "booked";
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["FrontDesk"]) }),
      "GET /clinics": () => ({
        body: [
          { id: "c1", name: "Central Clinic", city: "Moscow", timeZone: "Europe/Moscow" },
          { id: "c2", name: "Novosibirsk Clinic", city: "Novosibirsk", timeZone: "Asia/Novosibirsk" },
        ],
      }),
      "GET /scheduling/clinics/c2/day": () => ({
        body: { clinicId: "c2", clinicName: "Novosibirsk Clinic", timeZone: "Asia/Novosibirsk", date: "2026-11-23", appointments: [] },
      }),
      "GET /scheduling/clinics/c1/day": () => ({
        body: { clinicId: "c1", clinicName: "Central Clinic", timeZone: "Europe/Moscow", date: "2026-11-23", appointments: [appointment(status)] },
      }),
    });
    renderApp("/front-desk/today");
    const table = await screen.findByTestId("front-desk-day");
    const row = () => table.querySelector('tr[data-appointment-id="a1"]')!;
    expect(row()).toHaveAttribute("data-status", "booked");
    expect(row()).toHaveTextContent("10:00 AM–10:30 AM");
    expect(row()).toHaveTextContent("Olga Smirnova");

    const conn = connections.at(-1)!;
    await waitFor(() => expect(screen.getByTestId("live-status")).toHaveTextContent("Live"));
    expect(conn.invocations).toContainEqual(["WatchClinic", "c1"]);
    const reads = api.callsTo("GET", "/scheduling/clinics/c1/day").length;

    status = "confirmed";
    act(() => conn.emit("appointmentChanged", { appointmentId: "a1", clinicId: "c1", status: "confirmed", changedAt: "2026-11-23T06:00:00Z" }));
    await waitFor(() => expect(row()).toHaveAttribute("data-status", "confirmed"));
    expect(api.callsTo("GET", "/scheduling/clinics/c1/day").length).toBe(reads + 1);

    act(() => conn.reconnecting!());
    expect(screen.getByTestId("live-status")).toHaveTextContent("Reconnecting…");
    act(() => conn.reconnected!());
    await waitFor(() => expect(screen.getByTestId("live-status")).toHaveTextContent("Live"));
    expect(conn.invocations.filter(([m]) => m === "WatchClinic")).toHaveLength(2);

    // Another clinic: unwatch the old one, watch the new one, same connection.
    await userEvent.selectOptions(screen.getByLabelText("Clinic"), "c2");
    expect(await screen.findByText("No appointments on this day.")).toBeInTheDocument();
    await waitFor(() => expect(conn.invocations.slice(-2)).toEqual([["UnwatchClinic", "c1"], ["WatchClinic", "c2"]]));
    expect(connections).toHaveLength(1);
  });

  it("in Russian, names the clinic as the clinic list does and the time zone by its city, not the English original and Europe/Moscow", async () => {
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["FrontDesk"]) }),
      // /clinics answers in the reader's language; the day carries the clinic's English original.
      "GET /clinics": () => ({ body: [{ id: "c1", name: "Клиника Telemed Москва", city: "Москва", timeZone: "Europe/Moscow" }] }),
      "GET /scheduling/clinics/c1/day": () => ({
        body: { clinicId: "c1", clinicName: "Telemed Clinic Moscow", timeZone: "Europe/Moscow", date: "2026-11-23", appointments: [appointment("booked")] },
      }),
    });
    renderApp("/front-desk/today", "ru");
    await screen.findByTestId("front-desk-day");
    const line = screen.getByText(/Время указано для часового пояса/);
    expect(line).toHaveTextContent("Клиника Telemed Москва ·");
    expect(line).toHaveTextContent("Время указано для часового пояса Москва.");
    expect(line).not.toHaveTextContent("Telemed Clinic Moscow");
    expect(line).not.toHaveTextContent("Europe/Moscow");
  });

  it("reads every row's payment status in one request, with no request (and no 404) per row", async () => {
    const ids = Array.from({ length: 24 }, (_, i) => `a${i + 1}`);
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["FrontDesk"]) }),
      "GET /clinics": () => ({ body: [{ id: "c1", name: "Central Clinic", city: "Moscow", timeZone: "Europe/Moscow" }] }),
      "GET /scheduling/clinics/c1/day": () => ({
        body: { clinicId: "c1", clinicName: "Central Clinic", timeZone: "Europe/Moscow", date: "2026-11-23", appointments: ids.map((id) => appointment("booked", id)) },
      }),
      // Only two of the day's visits have a payment; the others are simply not listed.
      "GET /payments/statuses": () => ({
        body: [
          { appointmentId: "a1", status: "captured" },
          { appointmentId: "a2", status: "awaitingPayment" },
        ],
      }),
    });
    renderApp("/front-desk/today");
    const table = await screen.findByTestId("front-desk-day");
    const row = (id: string) => table.querySelector(`tr[data-appointment-id="${id}"]`)!;
    await waitFor(() => expect(row("a1").querySelector('[data-testid="payment-status"]')).toHaveAttribute("data-status", "captured"));
    expect(row("a2").querySelector('[data-testid="payment-status"]')).toHaveAttribute("data-status", "awaitingPayment");
    expect(row("a3").querySelector('[data-testid="payment-status"]')).toBeNull();

    const asked = api.callsTo("GET", "/payments/statuses");
    expect(asked).toHaveLength(1);
    expect([...asked[0]!.query.getAll("appointmentId")].sort()).toEqual([...ids].sort());
    expect(api.calls.filter((c) => /^\/appointments\/[^/]+\/payment$/.test(c.path))).toEqual([]);
  });

  it("isolates a right-to-left or spoofed patient's name inside the Check in button's name", async () => {
    const spoofed = "Olga \u202Eavonrims";
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["FrontDesk"]) }),
      "GET /clinics": () => ({ body: [{ id: "c1", name: "Central Clinic", city: "Moscow", timeZone: "Europe/Moscow" }] }),
      "GET /scheduling/clinics/c1/day": () => ({
        body: {
          clinicId: "c1",
          clinicName: "Central Clinic",
          timeZone: "Europe/Moscow",
          date: "2026-11-23",
          appointments: [{ ...appointment("booked", "a1"), patientName: spoofed }, { ...appointment("booked", "a2"), patientName: "سارة" }, appointment("booked", "a3")],
        },
      }),
    });
    renderApp("/front-desk/today");
    await screen.findByTestId("front-desk-day");
    expect(await screen.findByRole("button", { name: `Check in \u2068${spoofed}\u2069` })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Check in \u2068سارة\u2069" })).toBeInTheDocument();
    // A left-to-right name stays as it is: Playwright and screen readers find it by its plain text.
    expect(screen.getAllByRole("button", { name: "Check in Olga Smirnova" })).toHaveLength(1);
  });

  it("shows only the clicked row action as working; every other row action waits disabled", async () => {
    let answer: (result: MockResult) => void = () => {};
    const noShow = (id: string): Appointment => ({ ...appointment("booked", id), allowedActions: ["noShow"] });
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["FrontDesk"]) }),
      "GET /clinics": () => ({ body: [{ id: "c1", name: "Central Clinic", city: "Moscow", timeZone: "Europe/Moscow" }] }),
      "GET /scheduling/clinics/c1/day": () => ({
        body: {
          clinicId: "c1",
          clinicName: "Central Clinic",
          timeZone: "Europe/Moscow",
          date: "2026-11-23",
          appointments: [noShow("a1"), { ...noShow("a2"), patientName: "Pavel Orlov" }],
        },
      }),
      "POST /scheduling/appointments/a2/no-show": () => new Promise<MockResult>((resolve) => (answer = resolve)),
    });
    renderApp("/front-desk/today");
    const table = await screen.findByTestId("front-desk-day");
    const clicked = await within(table).findByRole("button", { name: "Mark Pavel Orlov as no-show" });
    const others = ["Check in Pavel Orlov", "Check in Olga Smirnova", "Mark Olga Smirnova as no-show"].map((name) => within(table).getByRole("button", { name }));

    await userEvent.setup().click(clicked);
    expect(clicked).toBeDisabled();
    expect(clicked).toHaveAttribute("aria-busy", "true");
    for (const other of others) {
      expect(other).toBeDisabled();
      expect(other).not.toHaveAttribute("aria-busy");
    }
    const row = table.querySelector('tr[data-appointment-id="a2"]') as HTMLElement;
    expect(within(row).getAllByTestId("busy-announcement").map((a) => a.textContent)).toEqual(["", "Working…"]);

    answer(problem(409, "scheduling.invalid_transition"));
    await waitFor(() => expect(clicked).not.toHaveAttribute("aria-busy"));
    for (const button of [clicked, ...others]) expect(button).toBeEnabled();
    expect(within(table).getAllByTestId("busy-announcement").every((a) => a.textContent === "")).toBe(true);
  });
});
