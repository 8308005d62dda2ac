import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, problem, signedInSession, type MockHandler, type MockResult } from "../../test/mockApi";
import { clock } from "../../shared/time/zonedTime";
import type { Appointment, DoctorSlots, Slot } from "../../shared/api/scheduling";

const berlin = { id: "c-ber", name: "Berlin Clinic", city: "Berlin", timeZone: "Europe/Berlin" };

function slot(start: string, end: string): Slot {
  return {
    start,
    end,
    kind: "video",
    clinicId: berlin.id,
    clinicName: berlin.name,
    clinicTimeZone: "Europe/Berlin",
    clinicLocal: "",
    patientTimeZone: "America/New_York",
    patientLocal: "",
  };
}

const doctor: DoctorSlots = {
  doctorId: "d1",
  displayName: "Dr Anna Schmidt",
  specialties: ["cardiology"],
  languages: ["en"],
  hourlyRate: { amountMinor: 5000, currency: "EUR" },
  slots: [slot("2026-03-29T07:00:00Z", "2026-03-29T07:30:00Z"), slot("2026-03-29T07:30:00Z", "2026-03-29T08:00:00Z")],
};

const appointment: Appointment = {
  id: "a1",
  doctorId: "d1",
  doctorName: "Dr Anna Schmidt",
  patientId: "p1",
  clinicId: berlin.id,
  clinicName: berlin.name,
  clinicTimeZone: "Europe/Berlin",
  kind: "video",
  start: "2026-03-29T07:00:00Z",
  end: "2026-03-29T07:30:00Z",
  clinicLocal: "2026-03-29T09:00:00",
  status: "booked",
  lateCancellation: false,
  late: false,
};

function setup(book: MockHandler, extra: Record<string, MockHandler> = {}) {
  vi.spyOn(clock, "timeZone").mockReturnValue("America/New_York");
  vi.spyOn(clock, "now").mockReturnValue(new Date("2026-03-27T12:00:00Z"));
  return mockApi({
    "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
    "GET /specialties": () => ({ body: [{ code: "cardiology", name: "Cardiology" }] }),
    "GET /clinics": () => ({ body: [berlin] }),
    "GET /scheduling/slots": () => ({ body: { items: [doctor], total: 1, page: 1, pageSize: 10 } }),
    "POST /scheduling/appointments": book,
    "GET /scheduling/appointments/a1": () => ({ body: appointment }),
    ...extra,
  });
}

describe("booking a visit", () => {
  it("searches in the browser's zone and shows the patient's and the clinic's time", async () => {
    const api = setup(() => ({ status: 201, body: appointment }));
    renderApp("/patient/book");
    const list = await screen.findByTestId("slot-list");
    expect(list).toHaveAttribute("data-doctor-id", "d1");
    const first = within(list).getByRole("button", { name: /Sunday, March 29, 2026, 3:00 AM your time, 9:00 AM in Berlin/ });
    expect(first).toHaveTextContent("3:00 AM your time · 9:00 AM in Berlin");
    const query = api.callsTo("GET", "/scheduling/slots")[0]!.query;
    expect(Object.fromEntries(query)).toMatchObject({ timeZone: "America/New_York", from: "2026-03-27", to: "2026-04-03", kind: "video" });
  });

  it("shows Book as busy while the booking is sent, and back to normal when it fails", async () => {
    let answer: (result: MockResult) => void = () => {};
    setup(() => new Promise<MockResult>((resolve) => (answer = resolve)));
    renderApp("/patient/book");
    await userEvent.click(await screen.findByRole("button", { name: /3:00 AM your time/ }));
    const confirmation = await screen.findByTestId("booking-confirmation");
    // The step replaces the page: its title is the page's one h1 (axe page-has-heading-one).
    expect(screen.getAllByRole("heading", { level: 1 })).toEqual([within(confirmation).getByRole("heading", { name: "Confirm your visit" })]);
    await userEvent.click(within(confirmation).getByRole("button", { name: "Book" }));

    const busy = await within(confirmation).findByRole("button", { name: "Booking…" });
    expect(busy).toBeDisabled();
    expect(busy).toHaveAttribute("aria-busy", "true");
    expect(within(confirmation).getByTestId("busy-announcement")).toHaveTextContent("Booking…");

    answer(problem(503, "server_error"));
    expect(await screen.findByRole("alert")).toHaveTextContent("Something went wrong on the server");
    const book = within(confirmation).getByRole("button", { name: "Book" });
    expect(book).toBeEnabled();
    expect(book).not.toHaveAttribute("aria-busy");
    expect(within(confirmation).getByTestId("busy-announcement")).toBeEmptyDOMElement();
  });

  it("sends an Idempotency-Key and reuses it when the user retries", async () => {
    let attempts = 0;
    const api = setup(() => (++attempts === 1 ? problem(503, "server_error") : { status: 201, body: appointment }));
    const app = renderApp("/patient/book");
    await userEvent.click(await screen.findByRole("button", { name: /3:00 AM your time/ }));
    // "Back to times" returns the focus to the picked slot; pick it again.
    await userEvent.click(await screen.findByRole("button", { name: "Back to times" }));
    await waitFor(() => expect(screen.getByRole("button", { name: /3:00 AM your time/ })).toHaveFocus());
    await userEvent.keyboard("{Enter}");
    const confirmation = await screen.findByTestId("booking-confirmation");
    expect(within(confirmation).getByTestId("confirm-your-time")).toHaveTextContent("Sunday, March 29, 2026, 3:00 AM");
    expect(within(confirmation).getByTestId("confirm-clinic-time")).toHaveTextContent("9:00 AM in Berlin");

    await userEvent.click(within(confirmation).getByRole("button", { name: "Book" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Something went wrong on the server");
    await userEvent.click(within(confirmation).getByRole("button", { name: "Book" }));

    expect(await screen.findByTestId("appointment-status")).toHaveTextContent("Booked");
    expect(app.router().state.location.pathname).toBe("/patient/appointments/a1");
    const posts = api.callsTo("POST", "/scheduling/appointments");
    expect(posts).toHaveLength(2);
    const key = posts[0]!.headers["Idempotency-Key"];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[1]!.headers["Idempotency-Key"]).toBe(key);
    expect(posts[0]!.body).toEqual({ doctorId: "d1", clinicId: "c-ber", kind: "video", start: "2026-03-29T07:00:00Z" });
  });

  it("says the time was taken and reloads the slots on 409", async () => {
    const api = setup(() => problem(409, "scheduling.slot_taken"));
    renderApp("/patient/book");
    await userEvent.click(await screen.findByRole("button", { name: /3:00 AM your time/ }));
    await userEvent.click(await screen.findByRole("button", { name: "Book" }));
    expect(await screen.findByText("This time was just taken — pick another.")).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo("GET", "/scheduling/slots").length).toBeGreaterThanOrEqual(2));
    expect(screen.queryByTestId("booking-confirmation")).not.toBeInTheDocument();

    // A new confirmation step gets a new key.
    await userEvent.click(await screen.findByRole("button", { name: /3:30 AM your time/ }));
    await userEvent.click(await screen.findByRole("button", { name: "Book" }));
    await waitFor(() => expect(api.callsTo("POST", "/scheduling/appointments")).toHaveLength(2));
    const [first, second] = api.callsTo("POST", "/scheduling/appointments");
    expect(second!.headers["Idempotency-Key"]).not.toBe(first!.headers["Idempotency-Key"]);
  });
});

describe("the price before booking", () => {
  it("is the server's quote for the clinic and length (not rate × minutes), on the slot card and the confirmation", async () => {
    const api = setup(() => ({ status: 201, body: appointment }), {
      "GET /billing/quote": () => ({
        body: {
          amount: { amountMinor: 3250, currency: "EUR" },
          minutes: 30,
          qualificationFactor: 1.3,
          incrementMinutes: 15,
          hourlyRate: { amountMinor: 5000, currency: "EUR" },
        },
      }),
    });
    renderApp("/patient/book");
    await waitFor(() => expect(screen.getByTestId("slot-price")).toHaveTextContent("€32.50"));
    await userEvent.click(await screen.findByRole("button", { name: /3:00 AM your time/ }));
    expect(await screen.findByTestId("confirm-price")).toHaveTextContent("€32.50");
    const quotes = api.callsTo("GET", "/billing/quote");
    expect(Object.fromEntries(quotes[0]!.query)).toEqual({ doctorId: "d1", clinicId: "c-ber", minutes: "30" });
    // Cached per doctor, clinic and length: the confirmation asks no second time.
    expect(quotes).toHaveLength(1);
  });

  it("is left out when the server cannot price the visit", async () => {
    const api = setup(() => ({ status: 201, body: appointment }), { "GET /billing/quote": () => problem(422, "billing.invalid_rate") });
    renderApp("/patient/book");
    await userEvent.click(await screen.findByRole("button", { name: /3:00 AM your time/ }));
    await screen.findByTestId("booking-confirmation");
    await waitFor(() => expect(api.callsTo("GET", "/billing/quote").length).toBeGreaterThan(0));
    await waitFor(() => expect(screen.queryByTestId("confirm-price")).not.toBeInTheDocument());
    expect(screen.queryByTestId("slot-price")).not.toBeInTheDocument();
  });
});

describe("front desk booking for a patient", () => {
  it("passes the patient into the booking", async () => {
    vi.spyOn(clock, "timeZone").mockReturnValue("Europe/Berlin");
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-03-27T12:00:00Z"));
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["FrontDesk"]) }),
      "GET /specialties": () => ({ body: [] }),
      "GET /clinics": () => ({ body: [berlin] }),
      "GET /patients/p9/demographics": () => ({
        body: { id: "p9", givenName: "Olga", familyName: "Smirnova", dateOfBirth: "1980-01-01", sex: "female" },
      }),
      "GET /scheduling/slots": (req) => ({
        body: {
          items: [{ ...doctor, slots: doctor.slots.map((s) => ({ ...s, patientTimeZone: req.query.get("timeZone")! })) }],
          total: 1,
          page: 1,
          pageSize: 10,
        },
      }),
      "POST /scheduling/appointments": () => ({ status: 201, body: { ...appointment, patientId: "p9", patientName: "Olga Smirnova" } }),
      "GET /scheduling/appointments/a1": () => ({ body: appointment }),
    });
    const app = renderApp("/front-desk/book?patientId=p9");
    // Same zone as the clinic: one time only.
    const button = await screen.findByRole("button", { name: /Sunday, March 29, 2026, 9:00 AM your time — Video/ });
    expect(button).toHaveTextContent(/^9:00 AM$/);
    await userEvent.click(button);
    expect(await screen.findByTestId("confirm-patient")).toHaveTextContent("Olga Smirnova");
    await userEvent.click(screen.getByRole("button", { name: "Book" }));
    await waitFor(() => expect(app.router().state.location.pathname).toBe("/front-desk/appointments/a1"));
    expect(api.callsTo("POST", "/scheduling/appointments")[0]!.body).toMatchObject({ patientId: "p9", doctorId: "d1" });
  });
});

describe("doctors without free time", () => {
  it("lists them after the others and offers their waitlist", async () => {
    vi.spyOn(clock, "timeZone").mockReturnValue("America/New_York");
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-03-27T12:00:00Z"));
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /specialties": () => ({ body: [] }),
      "GET /clinics": () => ({ body: [berlin] }),
      "GET /scheduling/slots": () => ({
        body: { items: [{ ...doctor, doctorId: "d0", displayName: "Dr Busy", slots: [] }, doctor], total: 2, page: 1, pageSize: 10 },
      }),
      "POST /scheduling/waitlist": (req) => ({ status: 201, body: { id: "w1", status: "waiting", ...(req.body as object) } }),
    });
    renderApp("/patient/book");
    const cards = await screen.findAllByTestId("doctor-slots-card");
    expect(cards.map((c) => within(c).getByRole("heading", { level: 3 }).textContent)).toEqual(["Dr Anna Schmidt", "Dr Busy"]);
    expect(screen.queryByText(/No free times match your search/)).not.toBeInTheDocument();
    await userEvent.click(within(cards[1]!).getByRole("button", { name: "Join the waitlist for Dr Busy" }));
    expect(await within(cards[1]!).findByText("You are on the waitlist.")).toBeInTheDocument();
    expect(api.callsTo("POST", "/scheduling/waitlist")[0]!.body).toEqual({ doctorId: "d0", kind: "video", from: "2026-03-27", to: "2026-04-03" });
  });

  it("joins a waitlist sent again after an error with the same Idempotency-Key, and another doctor's with a new one", async () => {
    vi.spyOn(clock, "timeZone").mockReturnValue("America/New_York");
    vi.spyOn(clock, "now").mockReturnValue(new Date("2026-03-27T12:00:00Z"));
    let answers = 0;
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
      "GET /specialties": () => ({ body: [] }),
      "GET /clinics": () => ({ body: [berlin] }),
      "GET /scheduling/slots": () => ({
        body: {
          items: [
            { ...doctor, doctorId: "d0", displayName: "Dr Busy", slots: [] },
            { ...doctor, doctorId: "d2", displayName: "Dr Full", slots: [] },
          ],
          total: 2,
          page: 1,
          pageSize: 10,
        },
      }),
      // The first answer is an error: the server may still have added the entry, so the retry says it is the same wish.
      "POST /scheduling/waitlist": (req) =>
        ++answers === 1 ? problem(503, "database.unavailable") : { status: 201, body: { id: `w${answers}`, status: "waiting", ...(req.body as object) } },
    });
    renderApp("/patient/book");
    const cards = await screen.findAllByTestId("doctor-slots-card");
    const busy = cards.find((c) => within(c).queryByRole("button", { name: "Join the waitlist for Dr Busy" }))!;
    await userEvent.click(within(busy).getByRole("button", { name: "Join the waitlist for Dr Busy" }));
    await within(busy).findByRole("alert");
    await userEvent.click(within(busy).getByRole("button", { name: "Join the waitlist for Dr Busy" }));
    expect(await within(busy).findByText("You are on the waitlist.")).toBeInTheDocument();
    const full = cards.find((c) => within(c).queryByRole("button", { name: "Join the waitlist for Dr Full" }))!;
    await userEvent.click(within(full).getByRole("button", { name: "Join the waitlist for Dr Full" }));
    expect(await within(full).findByText("You are on the waitlist.")).toBeInTheDocument();
    const [first, retry, other] = api.callsTo("POST", "/scheduling/waitlist").map((c) => c.headers["Idempotency-Key"]);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(retry).toBe(first);
    expect(other).not.toBe(first);
  });
});
