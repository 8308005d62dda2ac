import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, mockApi, problem, signedInSession } from "../../test/mockApi";
import { FakeHub } from "../../test/fakeHub";
import { ConversationPage } from "./ConversationPage";
import { MessagesPage } from "./MessagesPage";
import { renderWithProviders } from "../../test/renderWithProviders";

vi.mock("./chatHub", () => ({ createChatConnection: () => new FakeHub() }));

const conversations = [
  { id: "c1", kind: "careTeam", consultationId: null, patientName: "Olga Smirnova", doctorName: "Dr Ivan Petrov", subject: "Test results", lastMessageAt: "2026-11-23T10:00:00Z", unread: 2 },
  { id: "c2", kind: "consultation", consultationId: "k1", patientName: "Olga Smirnova", doctorName: "Dr Anna Lee", subject: null, lastMessageAt: "2026-11-22T10:00:00Z", unread: 0 },
];

const appointment = (id: string, doctorId: string, doctorName: string) => ({
  id, doctorId, doctorName, patientId: "p1", clinicId: "c1", clinicName: "Central", clinicTimeZone: "Europe/Moscow", kind: "video",
  start: "2026-11-23T07:00:00Z", end: "2026-11-23T07:30:00Z", clinicLocal: "2026-11-23T10:00:00", status: "booked", lateCancellation: false, late: false,
});

describe("MessagesPage", () => {
  it("lists conversations with unread badges and starts a thread with a doctor of the patient's appointments", async () => {
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/conversations": () => json(200, conversations),
      "POST /consultations/conversations": () => json(201, { ...conversations[0], id: "c9", unread: 0 }),
      "GET /scheduling/appointments/mine": () =>
        json(200, [appointment("a1", "d1", "Dr Ivan Petrov"), appointment("a2", "d1", "Dr Ivan Petrov"), appointment("a3", "d2", "Dr Anna Lee")]),
    });
    renderWithProviders(<MessagesPage />, { path: "/patient/messages", route: "/patient/messages" });
    const list = await screen.findByTestId("conversation-list");
    await waitFor(() => expect(within(list).getAllByTestId("conversation-item")).toHaveLength(2));
    const first = within(list).getAllByTestId("conversation-item")[0]!;
    expect(first).toHaveAttribute("data-conversation-id", "c1");
    expect(within(first).getByTestId("unread-badge")).toHaveTextContent("2 unread");
    expect(within(first).getByRole("link")).toHaveAttribute("href", "/patient/messages/c1");

    const form = screen.getByRole("heading", { name: "New message to a doctor" }).closest("section")!;
    const user = userEvent.setup();
    await waitFor(() => expect(within(form).getAllByRole("option")).toHaveLength(3));
    await user.click(within(form).getByRole("button", { name: "Send" }));
    expect(within(form).getByText("Choose a doctor.")).toBeInTheDocument();
    expect(api.callsTo("POST", "/consultations/conversations")).toHaveLength(0);

    await user.selectOptions(within(form).getByLabelText("Doctor"), "d2");
    await user.type(within(form).getByLabelText("Subject"), "Blood test");
    await user.type(within(form).getByLabelText("Message"), "Are my results in?");
    await user.click(within(form).getByRole("button", { name: "Send" }));
    await screen.findByText("elsewhere");
    expect(api.callsTo("POST", "/consultations/conversations")[0]!.body).toEqual({ doctorId: "d2", subject: "Blood test", body: "Are my results in?", attachmentIds: [] });
  });

  it("lets a guardian write about a child to the child's doctors (patientId), their own doctors offered for their own", async () => {
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/conversations": () => json(200, []),
      "POST /consultations/conversations": () => json(201, { ...conversations[0], id: "c9", unread: 0, forDependant: true }),
      "GET /me/dependents": () => json(200, [{ id: "sofia", givenName: "Sofia", familyName: "Kuznetsova", birthDate: "2016-04-01" }]),
      "GET /scheduling/appointments/mine": () =>
        json(200, [appointment("a1", "d1", "Dr Ivan Petrov"), { ...appointment("a3", "d2", "Dr Anna Lee"), patientId: "sofia" }]),
    });
    renderWithProviders(<MessagesPage />, { path: "/patient/messages", route: "/patient/messages" });
    const form = (await screen.findByRole("heading", { name: "New message to a doctor" })).closest("section")!;
    const user = userEvent.setup();
    const doctor = () => within(form).getByLabelText("Doctor");
    await waitFor(() => expect(within(form).getByLabelText("About whom")).toBeInTheDocument());
    await waitFor(() => expect(within(doctor()).getAllByRole("option").map((o) => o.textContent?.replace(/[\u2066-\u2069]/g, ""))).toEqual(["Choose a doctor", "Dr Ivan Petrov"]));

    await user.selectOptions(within(form).getByLabelText("About whom"), "sofia");
    expect(within(doctor()).getAllByRole("option").map((o) => o.textContent?.replace(/[\u2066-\u2069]/g, ""))).toEqual(["Choose a doctor", "Dr Anna Lee"]);
    await user.selectOptions(doctor(), "d2");
    await user.type(within(form).getByLabelText("Subject"), "Cough");
    await user.type(within(form).getByLabelText("Message"), "Should she stay home?");
    await user.click(within(form).getByRole("button", { name: "Send" }));
    await waitFor(() => expect(api.callsTo("POST", "/consultations/conversations")).toHaveLength(1));
    expect(api.callsTo("POST", "/consultations/conversations")[0]!.body).toEqual({
      doctorId: "d2", subject: "Cough", body: "Should she stay home?", attachmentIds: [], patientId: "sofia",
    });
  });

  it("sends a new message again after an error with the same Idempotency-Key, so one conversation is started", async () => {
    let sends = 0;
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/conversations": () => json(200, []),
      "POST /consultations/conversations": () => (++sends === 1 ? problem(503, "service.unavailable") : json(201, { ...conversations[0], id: "c9", unread: 0 })),
      "GET /scheduling/appointments/mine": () => json(200, [appointment("a3", "d2", "Dr Anna Lee")]),
    });
    renderWithProviders(<MessagesPage />, { path: "/patient/messages", route: "/patient/messages" });
    const form = (await screen.findByRole("heading", { name: "New message to a doctor" })).closest("section")!;
    const user = userEvent.setup();
    await waitFor(() => expect(within(form).getAllByRole("option")).toHaveLength(2));
    await user.selectOptions(within(form).getByLabelText("Doctor"), "d2");
    await user.type(within(form).getByLabelText("Subject"), "Blood test");
    await user.type(within(form).getByLabelText("Message"), "Are my results in?");
    await user.click(within(form).getByRole("button", { name: "Send" }));
    await waitFor(() => expect(api.callsTo("POST", "/consultations/conversations")).toHaveLength(1));
    await user.click(await within(form).findByRole("button", { name: "Send" }));
    await waitFor(() => expect(api.callsTo("POST", "/consultations/conversations")).toHaveLength(2));
    const [first, again] = api.callsTo("POST", "/consultations/conversations");
    expect(first!.headers["Idempotency-Key"]).toBeTruthy();
    expect(again!.headers["Idempotency-Key"]).toBe(first!.headers["Idempotency-Key"]);
  });

  it("says whom a guardian's child's conversation is for, and nothing on the guardian's own", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/conversations": () =>
        json(200, [
          { ...conversations[1], id: "childs", patientName: "Sofia Kuznetsova", forDependant: true },
          { ...conversations[0], patientName: "Ivan Kuznetsov", forDependant: false },
        ]),
      "GET /scheduling/appointments/mine": () => json(200, []),
    });
    renderWithProviders(<MessagesPage />, { path: "/patient/messages", route: "/patient/messages" });
    const list = await screen.findByTestId("conversation-list");
    await waitFor(() => expect(within(list).getAllByTestId("conversation-item")).toHaveLength(2));
    const items = within(list).getAllByTestId("conversation-item");
    const childs = items.find((i) => i.dataset.conversationId === "childs")!;
    const own = items.find((i) => i.dataset.conversationId === "c1")!;
    expect(within(childs).getByTestId("item-for")).toHaveTextContent("For Sofia Kuznetsova");
    expect(within(own).queryByTestId("item-for")).toBeNull();
    expect(own).not.toHaveTextContent("Ivan Kuznetsov");
  });

  it("doctors see their threads without the new-message form", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"])),
      "GET /consultations/conversations": () => json(200, conversations),
    });
    renderWithProviders(<MessagesPage />, { path: "/doctor/messages", route: "/doctor/messages" });
    const list = await screen.findByTestId("conversation-list");
    await waitFor(() => expect(within(list).getAllByRole("link")[0]).toHaveAttribute("href", "/doctor/messages/c1"));
    expect(within(list).getAllByTestId("conversation-item")[0]).toHaveTextContent("With Olga Smirnova");
    expect(screen.queryByRole("heading", { name: "New message to a doctor" })).not.toBeInTheDocument();
  });

  it("ConversationPage shows the thread's subject and its messages", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/conversations/c1": () => json(200, conversations[0]),
      "GET /consultations/conversations/c1/messages": () =>
        json(200, [{ id: "m1", conversationId: "c1", senderUserId: "d", senderName: "Dr Ivan Petrov", senderRole: "doctor", body: "Hello", sentAt: "2026-11-23T10:00:00Z", attachments: [], readAt: null }]),
    });
    renderWithProviders(<ConversationPage />, { path: "/patient/messages/c1", route: "/patient/messages/:id" });
    expect(await screen.findByRole("heading", { name: "Test results" })).toBeInTheDocument();
    expect(await screen.findByText("Hello")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "All messages" })).toHaveAttribute("href", "/patient/messages");
    // The account's own thread says for no one.
    expect(screen.queryByTestId("item-for")).toBeNull();
  });

  it("ConversationPage says whom a guardian's child's thread is for (its own read, not the list)", async () => {
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/conversations/childs": () => json(200, { ...conversations[1], id: "childs", patientName: "Sofia Kuznetsova", forDependant: true }),
      "GET /consultations/conversations/childs/messages": () => json(200, []),
    });
    renderWithProviders(<ConversationPage />, { path: "/patient/messages/childs", route: "/patient/messages/:id" });
    expect(await screen.findByTestId("item-for")).toHaveTextContent("For Sofia Kuznetsova");
    expect(document.body).toHaveTextContent("With Dr Anna Lee");
    expect(api.callsTo("GET", "/consultations/conversations")).toHaveLength(0);
  });

  it("isolates the other side's name, the sender's name and the message from the UI around them (U+202E, right-to-left)", async () => {
    const spoofedDoctor = "Dr \u202Evortep";
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/conversations/c1": () => json(200, { ...conversations[0], doctorName: spoofedDoctor, subject: "\u202Estluser" }),
      "GET /consultations/conversations/c1/messages": () =>
        json(200, [{ id: "m1", conversationId: "c1", senderUserId: "d", senderName: spoofedDoctor, senderRole: "doctor", body: "שלום \u202Eolleh", sentAt: "2026-11-23T10:00:00Z", attachments: [], readAt: null }]),
    });
    renderWithProviders(<ConversationPage />, { path: "/patient/messages/c1", route: "/patient/messages/:id" });
    const body = await screen.findByText("שלום \u202Eolleh");
    expect(body).toHaveAttribute("dir", "auto");
    const isolatedNames = Array.from(document.querySelectorAll("bdi")).filter((el) => el.textContent === spoofedDoctor);
    // "With {name}" under the heading, and the message's sender.
    expect(isolatedNames).toHaveLength(2);
    const withLine = isolatedNames.map((el) => el.parentElement!).find((p) => p.tagName === "P")!;
    expect(withLine.textContent).toBe(`With ${spoofedDoctor}`);
    expect(screen.getByRole("heading", { level: 1 })).toHaveAttribute("dir", "auto");
  });
});
