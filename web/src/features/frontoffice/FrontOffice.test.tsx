import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { json, mockApi, problem, signedInSession, type MockResult } from "../../test/mockApi";
import { renderWithProviders } from "../../test/renderWithProviders";
import { DeskContactPanel } from "./DeskContactPanel";
import type { ClinicThread, ReviewFlag } from "./frontOfficeApi";

const patientId = "11111111-1111-4111-8111-111111111111";

describe("walk-in registration", () => {
  it("refuses a future birth date in the browser and sends nothing", async () => {
    const api = mockApi({ "GET /auth/session": () => json(200, signedInSession(["FrontDesk"])) });
    renderApp("/front-desk/patients/new");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Given name"), "Walkin");
    await user.type(screen.getByLabelText("Family name"), "Patientova");
    await user.type(screen.getByLabelText("Date of birth"), "2999-01-01");
    await user.type(screen.getByLabelText("E-mail"), "walkin@example.test");
    await user.click(screen.getByRole("button", { name: "Register patient" }));
    expect(await screen.findByText("The date must be in the past.")).toBeInTheDocument();
    expect(api.callsTo("POST", "/front-desk/patients")).toHaveLength(0);
  });

  it("says an e-mail already has an account, keeps what was typed and offers the search", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["FrontDesk"])),
      "POST /front-desk/patients": () => problem(409, "front_office.email_registered"),
    });
    renderApp("/front-desk/patients/new", "ru");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Имя"), "Анна");
    await user.type(screen.getByLabelText("Фамилия"), "Ушла");
    await user.type(screen.getByLabelText("Дата рождения"), "1980-02-03");
    await user.type(screen.getByLabelText("Электронная почта"), "taken@example.test");
    await user.click(screen.getByRole("button", { name: "Зарегистрировать" }));
    expect(await screen.findByText("Для этого адреса уже есть аккаунт. Найдите пациента через поиск.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Найти пациента" })).toHaveAttribute("href", "/front-desk");
    expect(screen.getByLabelText("Фамилия")).toHaveValue("Ушла");
  });
});

describe("the clinic thread", () => {
  it("shows the patient the clinic's message and keeps a reply that failed to send", async () => {
    const thread: ClinicThread = {
      patientId,
      unreadBefore: 1,
      messages: [{ id: "m1", author: "clinic", authorName: "", body: "Please bring your discharge summary", sentAt: "2026-11-30T08:00:00Z", readAt: null }],
    };
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /me/clinic-messages": () => json(200, thread),
      "POST /me/clinic-messages": () => problem(400, "front_office.message_too_long"),
    });
    renderApp("/patient/clinic-messages");
    expect(await screen.findByText("Please bring your discharge summary")).toBeInTheDocument();
    expect(screen.getByText("1 new message")).toBeInTheDocument();
    expect(screen.getByText("Clinic")).toBeInTheDocument();
    expect(screen.getByText("Please bring your discharge summary")).toHaveAttribute("dir", "auto");
    expect(screen.getByLabelText("Message")).toHaveAttribute("dir", "auto");
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Message"), "I will bring it");
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(await screen.findByText("The message is too long.")).toBeInTheDocument();
    expect(screen.getByLabelText("Message")).toHaveValue("I will bring it");
    expect(api.callsTo("POST", "/me/clinic-messages")[0].body).toEqual({ body: "I will bring it" });
  });

  it("opens a dependant's thread from the notice's link and writes to it: the child's id goes with every call", async () => {
    const childId = "22222222-2222-4222-8222-222222222222";
    const thread: ClinicThread = {
      patientId: childId,
      unreadBefore: 1,
      messages: [{ id: "m1", author: "clinic", authorName: "", body: "Your daughter's results are in", sentAt: "2026-11-30T08:00:00Z", readAt: null }],
    };
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /me/clinic-messages": (req) => (req.query.get("patientId") === childId ? json(200, thread) : json(200, { patientId, unreadBefore: 0, messages: [] })),
      "POST /me/clinic-messages": () => json(201, { id: "m2", author: "patient", authorName: "Child", body: "Thanks", sentAt: "2026-11-30T09:00:00Z", readAt: null }),
    });
    renderApp(`/patient/clinic-messages?patientId=${childId}`);
    expect(await screen.findByText("Your daughter's results are in")).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Message"), "Thanks");
    await user.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(api.callsTo("POST", "/me/clinic-messages")).toHaveLength(1));
    expect(api.callsTo("POST", "/me/clinic-messages")[0].query.get("patientId")).toBe(childId);
    expect(api.callsTo("GET", "/me/clinic-messages").every((c) => c.query.get("patientId") === childId)).toBe(true);
  });
});

describe("sending again after a failure", () => {
  const keyOf = (call: { headers: Record<string, string> } | undefined) => call!.headers["Idempotency-Key"];

  it("sends a message again with the same Idempotency-Key, so it is written once, and an edited or the next message with a new one", async () => {
    let answers = 0;
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /me/clinic-messages": () => json(200, { patientId, unreadBefore: 0, messages: [] }),
      // The first answer is an error: the server may still have written the message, so the retry says it is the same one.
      "POST /me/clinic-messages": () => (++answers === 1 || answers === 3 ? problem(503, "database.unavailable") : json(201, { id: `m${answers}` })),
    });
    renderApp("/patient/clinic-messages");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Message"), "I will bring it");
    await user.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(screen.getByLabelText("Message")).toHaveAttribute("aria-invalid", "true"));
    await user.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(screen.getByLabelText("Message")).toHaveValue(""));
    const [first, retry] = api.callsTo("POST", "/me/clinic-messages");
    expect(keyOf(first)).toMatch(/^[0-9a-f-]{36}$/);
    expect(keyOf(retry)).toBe(keyOf(first));
    expect(retry!.body).toEqual(first!.body);

    // The next message fails, is edited, and goes with a key of its own.
    await user.type(screen.getByLabelText("Message"), "See you on Friday");
    await user.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(screen.getByLabelText("Message")).toHaveAttribute("aria-invalid", "true"));
    await user.type(screen.getByLabelText("Message"), "!");
    await user.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(api.callsTo("POST", "/me/clinic-messages")).toHaveLength(4));
    const [, , next, edited] = api.callsTo("POST", "/me/clinic-messages");
    expect(keyOf(next)).not.toBe(keyOf(first));
    expect(keyOf(edited)).not.toBe(keyOf(next));
    expect(edited!.body).toEqual({ body: "See you on Friday!" });
  });

  it("raises a review request again with the same Idempotency-Key, and a changed reason with a new one", async () => {
    let answers = 0;
    const api = mockApi({
      [`GET /front-desk/patients/${patientId}/messages`]: () => json(200, { messages: [] }),
      [`GET /front-desk/patients/${patientId}/review-flags`]: () => json(200, []),
      "GET /doctors": () => json(200, { items: [{ id: "d1", displayName: "Dr Anna Novak" }], total: 1, page: 1, pageSize: 100 }),
      [`POST /front-desk/patients/${patientId}/review-flags`]: () => (++answers < 3 ? problem(503, "database.unavailable") : json(201, { id: "f1" })),
    });
    renderWithProviders(<DeskContactPanel patientId={patientId} />);
    const section = await screen.findByRole("region", { name: "Review requests" });
    const user = userEvent.setup();
    await user.selectOptions(await within(section).findByLabelText("Doctor"), await within(section).findByRole("option", { name: "Dr Anna Novak" }));
    await user.type(within(section).getByLabelText("What should the doctor look at?"), "Blood pressure trend");
    const raise = within(section).getByRole("button", { name: "Ask for a review" });
    await user.click(raise);
    await within(section).findByRole("alert");
    await user.click(raise);
    await waitFor(() => expect(api.callsTo("POST", `/front-desk/patients/${patientId}/review-flags`)).toHaveLength(2));
    await waitFor(() => expect(raise).toBeEnabled());
    await user.type(within(section).getByLabelText("What should the doctor look at?"), " since May");
    await user.click(raise);
    await waitFor(() => expect(api.callsTo("POST", `/front-desk/patients/${patientId}/review-flags`)).toHaveLength(3));
    const [first, retry, changed] = api.callsTo("POST", `/front-desk/patients/${patientId}/review-flags`);
    expect(keyOf(first)).toMatch(/^[0-9a-f-]{36}$/);
    expect(keyOf(retry)).toBe(keyOf(first));
    expect(changed!.body).toEqual({ doctorId: "d1", reason: "Blood pressure trend since May" });
    expect(keyOf(changed)).not.toBe(keyOf(first));
  });
});

describe("review requests", () => {
  it("lists the doctor's open request with a link to the record and resolves it with the answer", async () => {
    let flags: ReviewFlag[] = [
      {
        id: "f1", patientId, patientName: "Walkin Patientova", doctorUserId: "u1", doctorName: "Anna Petrova", reason: "Outside ECG to review",
        status: "open", raisedAt: "2026-11-30T08:00:00Z", resolvedAt: null, resolutionNote: "",
      },
    ];
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"])),
      "GET /doctor/review-flags": () => json(200, flags),
      "POST /doctor/review-flags/f1/resolve": () => {
        flags = [{ ...flags[0], status: "resolved", resolvedAt: "2026-11-30T09:00:00Z", resolutionNote: "Normal" }];
        return json(200, flags[0]);
      },
    });
    renderApp("/doctor/review-requests");
    expect(await screen.findByRole("heading", { name: "Walkin Patientova" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open the record" })).toHaveAttribute("href", `/doctor/patients/${patientId}`);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Answer (optional)"), "Normal");
    await user.click(screen.getByRole("button", { name: "Resolve" }));
    await waitFor(() => expect(screen.getByText("Nothing to review.")).toBeInTheDocument());
    expect(api.callsTo("POST", "/doctor/review-flags/f1/resolve")[0].body).toEqual({ note: "Normal" });
    expect(screen.getByRole("heading", { name: "Resolved earlier" })).toBeInTheDocument();
  });
});

describe("the front desk's review requests", () => {
  it("shows Ask for a review as working while the request is sent, and back to normal when it fails", async () => {
    let answer: (result: MockResult) => void = () => {};
    mockApi({
      [`GET /front-desk/patients/${patientId}/messages`]: () => json(200, { messages: [] }),
      [`GET /front-desk/patients/${patientId}/review-flags`]: () => json(200, []),
      "GET /doctors": () => json(200, { items: [{ id: "d1", displayName: "Dr Anna Novak" }], total: 1, page: 1, pageSize: 100 }),
      [`POST /front-desk/patients/${patientId}/review-flags`]: () => new Promise<MockResult>((resolve) => (answer = resolve)),
    });
    renderWithProviders(<DeskContactPanel patientId={patientId} />);
    const section = await screen.findByRole("region", { name: "Review requests" });
    const user = userEvent.setup();
    await user.selectOptions(await within(section).findByLabelText("Doctor"), await within(section).findByRole("option", { name: "Dr Anna Novak" }));
    await user.type(within(section).getByLabelText("What should the doctor look at?"), "Blood pressure trend");
    const raise = within(section).getByRole("button", { name: "Ask for a review" });
    expect(raise).toBeEnabled();

    await user.click(raise);
    expect(raise).toBeDisabled();
    expect(raise).toHaveAttribute("aria-busy", "true");
    expect(within(section).getByTestId("busy-announcement")).toHaveTextContent("Working…");

    answer(problem(503, "server_error"));
    expect(await within(section).findByRole("alert")).toBeInTheDocument();
    expect(raise).toBeEnabled();
    expect(raise).not.toHaveAttribute("aria-busy");
    expect(within(section).getByTestId("busy-announcement")).toBeEmptyDOMElement();
  });
});
