import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, mockApi, problem, signedInSession, type MockRequest, type MockResult } from "../../test/mockApi";
import { FakeHub } from "../../test/fakeHub";
import { ChatPanel, TYPING_SHOW_MS } from "./ChatPanel";
import type { MessageView } from "./chatApi";
import { renderWithProviders } from "../../test/renderWithProviders";

const hubs: FakeHub[] = [];
vi.mock("./chatHub", () => ({
  createChatConnection: () => {
    const hub = new FakeHub();
    hubs.push(hub);
    return hub;
  },
}));

const ME = "u1"; // signedInSession's user id
const DOCTOR = "doc-1";
const C = "/consultations/conversations/c1";

const message = (id: string, sender: "me" | "doctor", body: string, minute: number, extra: Partial<MessageView> = {}): MessageView => ({
  id,
  conversationId: "c1",
  senderUserId: sender === "me" ? ME : DOCTOR,
  senderName: sender === "me" ? "Olga Smirnova" : "Dr Ivan Petrov",
  senderRole: sender === "me" ? "patient" : "doctor",
  body,
  sentAt: `2026-11-23T10:${String(minute).padStart(2, "0")}:00Z`,
  attachments: [],
  readAt: null,
  ...extra,
});

function setup(routes: Record<string, (req: MockRequest) => MockResult | Promise<MockResult>> = {}) {
  const api = mockApi({
    "GET /auth/session": () => json(200, signedInSession(["Patient"], "Olga Smirnova")),
    [`GET ${C}/messages`]: () => json(200, [message("m1", "me", "My chest hurts", 0), message("m2", "doctor", "Since when?", 1)]),
    ...routes,
  });
  renderWithProviders(<ChatPanel conversationId="c1" />);
  return api;
}

const messages = () => within(screen.getByTestId("chat-messages")).queryAllByTestId("chat-message");
const hub = () => hubs.at(-1)!;

describe("ChatPanel", () => {
  beforeEach(() => {
    hubs.length = 0;
    vi.useFakeTimers({ shouldAdvanceTime: true });
  });
  afterEach(() => vi.useRealTimers());

  it("loads the history, joins the conversation and shows messages that arrive over the hub", async () => {
    setup();
    await waitFor(() => expect(messages()).toHaveLength(2));
    expect(messages()[0]).toHaveAttribute("data-message-id", "m1");
    expect(messages()[0]).toHaveAttribute("data-sender-role", "patient");
    expect(messages()[1]).toHaveAttribute("data-sender-role", "doctor");
    await waitFor(() => expect(hub().invocations).toContainEqual(["JoinConversation", "c1"]));

    act(() => hub().emit("messageReceived", message("m3", "doctor", "Please show me where", 2)));
    await waitFor(() => expect(messages()).toHaveLength(3));
    expect(messages()[2]).toHaveAttribute("data-message-id", "m3");
    expect(messages()[2]).toHaveTextContent("Please show me where");

    // Another conversation's message is not ours to show.
    act(() => hub().emit("messageReceived", { ...message("x1", "doctor", "elsewhere", 3), conversationId: "c2" }));
    expect(messages()).toHaveLength(3);
  });

  it("shows who is typing for 4 seconds", async () => {
    setup();
    await waitFor(() => expect(messages()).toHaveLength(2));
    expect(screen.queryByTestId("typing-indicator")).not.toBeInTheDocument();
    act(() => hub().emit("typing", { conversationId: "c1", userId: DOCTOR, name: "Dr Ivan Petrov" }));
    expect(screen.getByTestId("typing-indicator")).toHaveTextContent("Dr Ivan Petrov is typing…");
    act(() => vi.advanceTimersByTime(TYPING_SHOW_MS - 500));
    expect(screen.getByTestId("typing-indicator")).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(600));
    expect(screen.queryByTestId("typing-indicator")).not.toBeInTheDocument();

    // Our own typing echo is not shown.
    act(() => hub().emit("typing", { conversationId: "c1", userId: ME, name: "Olga Smirnova" }));
    expect(screen.queryByTestId("typing-indicator")).not.toBeInTheDocument();
  });

  it("sends Typing at most once per 2 seconds while typing", async () => {
    setup();
    await waitFor(() => expect(hub().invocations).toContainEqual(["JoinConversation", "c1"]));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.type(screen.getByLabelText("Message"), "abc");
    expect(hub().calls("Typing")).toEqual([["Typing", "c1"]]);
    act(() => vi.advanceTimersByTime(2100));
    await user.type(screen.getByLabelText("Message"), "d");
    expect(hub().calls("Typing")).toHaveLength(2);
  });

  it("marks the newest message from the other side read and shows Read on own messages a receipt covers", async () => {
    setup();
    await waitFor(() => expect(hub().invocations).toContainEqual(["MarkRead", "c1", "m2"]));
    const own = () => messages().find((m) => m.getAttribute("data-message-id") === "m1")!;
    expect(within(own()).queryByText("Read")).not.toBeInTheDocument();

    act(() => hub().emit("readReceipt", { conversationId: "c1", messageId: "m1", readerUserId: DOCTOR, readAt: "2026-11-23T10:05:00Z" }));
    expect(within(own()).getByTestId("read-receipt")).toHaveTextContent("Read");
    // The doctor's message never shows our Read label.
    expect(within(messages()[1]!).queryByTestId("read-receipt")).not.toBeInTheDocument();

    // A newer message from the doctor is marked too (once).
    act(() => hub().emit("messageReceived", message("m3", "doctor", "And now?", 2)));
    await waitFor(() => expect(hub().calls("MarkRead")).toEqual([["MarkRead", "c1", "m2"], ["MarkRead", "c1", "m3"]]));
  });

  it("shows a sent message as pending until the server answers", async () => {
    let answer: (value: MockResult) => void = () => undefined;
    const api = setup({
      [`POST ${C}/messages`]: () => new Promise<MockResult>((resolve) => (answer = resolve)),
    });
    await waitFor(() => expect(messages()).toHaveLength(2));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.type(screen.getByLabelText("Message"), "It started at lunch");
    await user.click(screen.getByRole("button", { name: "Send" }));

    const pending = messages().at(-1)!;
    expect(pending).toHaveAttribute("data-pending", "true");
    expect(pending).toHaveTextContent("Sending…");
    expect(screen.getByLabelText("Message")).toHaveValue("");
    const sent = api.callsTo("POST", `${C}/messages`)[0]!.body as { body: string; attachmentIds: string[]; clientMessageId: string };
    expect(sent).toMatchObject({ body: "It started at lunch", attachmentIds: [] });
    expect(sent.clientMessageId).toMatch(/\S{8,}/);

    act(() => answer(json(201, message("m9", "me", "It started at lunch", 3))));
    await waitFor(() => expect(messages().at(-1)).toHaveAttribute("data-message-id", "m9"));
    expect(messages().filter((m) => m.getAttribute("data-pending") === "true")).toHaveLength(0);
    // The hub echo of the same message does not duplicate it.
    act(() => hub().emit("messageReceived", message("m9", "me", "It started at lunch", 3)));
    expect(messages()).toHaveLength(3);
  });

  it("takes the message in a dir=auto box and says why Send waits while there is nothing to send", async () => {
    setup();
    await waitFor(() => expect(messages()).toHaveLength(2));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const box = screen.getByLabelText("Message");
    expect(box).toHaveAttribute("dir", "auto");
    const send = screen.getByRole("button", { name: "Send" });
    expect(send).toBeDisabled();
    expect(send).toHaveAccessibleDescription("Type a message or attach a file to send.");
    expect(screen.getByTestId("chat-send-why")).toBeVisible();

    await user.type(box, "مرحبا دكتور");
    expect(send).toBeEnabled();
    expect(send).not.toHaveAccessibleDescription();
    expect(screen.queryByTestId("chat-send-why")).not.toBeInTheDocument();
  });

  it("keeps the text when sending fails, shows the problem and retries with the same clientMessageId", async () => {
    let fail = true;
    const api = setup({
      [`POST ${C}/messages`]: () =>
        fail
          ? { status: 400, body: { title: "Bad", status: 400, code: "chat.message_too_long", detail: "Keep a message under 4000 characters." } }
          : json(201, message("m9", "me", "Since lunch", 3)),
    });
    await waitFor(() => expect(messages()).toHaveLength(2));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.type(screen.getByLabelText("Message"), "Since lunch");
    await user.click(screen.getByRole("button", { name: "Send" }));

    const alert = await screen.findByTestId("chat-send-error");
    expect(alert).toHaveTextContent("The message was not sent. Keep a message under 4000 characters.");
    expect(screen.getByLabelText("Message")).toHaveValue("Since lunch");
    expect(messages()).toHaveLength(2);

    fail = false;
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(messages().at(-1)).toHaveAttribute("data-message-id", "m9"));
    expect(screen.queryByTestId("chat-send-error")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Message")).toHaveValue("");
    const [first, second] = api.callsTo("POST", `${C}/messages`).map((c) => (c.body as { clientMessageId: string }).clientMessageId);
    expect(second).toBe(first);
  });

  it("shows image attachments as thumbnails and other files as links", async () => {
    setup({
      [`GET ${C}/messages`]: () =>
        json(200, [
          message("m1", "doctor", "", 0, {
            attachments: [
              { id: "a1", contentType: "image/png", size: 10, fileName: "rash.png" },
              { id: "a2", contentType: "application/pdf", size: 10, fileName: "results.pdf" },
            ],
          }),
        ]),
      "GET /consultations/attachments/a1": () => json(200, { fake: "png" }),
    });
    const image = await screen.findByRole("img", { name: "rash.png" });
    expect(image).toHaveAttribute("data-testid", "chat-attachment");
    expect(image.getAttribute("src")).toMatch(/^data:/);
    const link = screen.getByRole("link", { name: "Open results.pdf" });
    expect(link).toHaveAttribute("data-testid", "chat-attachment");
    expect(link).toHaveAttribute("href", "/api/v1/consultations/attachments/a2");
  });
});

describe("attachments", () => {
  beforeEach(() => {
    hubs.length = 0;
  });

  it.each([
    [problem(413, "attachment.too_large"), "The file is too large (at most 10 MB)."],
    [problem(415, "attachment.unsupported_type"), "use a JPEG, PNG or WebP image or a PDF"],
    [problem(422, "attachment.infected"), "the virus scanner found a threat"],
    [{ status: 413, body: undefined }, "The file is too large"],
    [{ status: 415, body: undefined }, "This kind of file cannot be attached"],
  ] as [MockResult, string][])("shows why an upload was refused (%#)", async (result, text) => {
    setup({ "POST /consultations/attachments": () => result });
    await waitFor(() => expect(messages()).toHaveLength(2));
    const file = new File(["%PDF-1.4"], "scan.exe", { type: "application/octet-stream" });
    await userEvent.upload(screen.getByTestId("chat-file-input"), file, { applyAccept: false });
    const error = await screen.findByTestId("attachment-error");
    expect(error).toHaveTextContent("scan.exe was not attached.");
    expect(error).toHaveTextContent(text);
    expect(screen.getByRole("button", { name: "Send" })).toBeDisabled();
  });

  it("uploads a file (multipart field 'file') and sends its id with the message", async () => {
    const api = setup({
      "POST /consultations/attachments": () => json(201, { id: "a7", contentType: "image/png", size: 4, fileName: "rash.png" }),
      [`POST ${C}/messages`]: () => json(201, message("m5", "me", "See the photo", 4, { attachments: [{ id: "a7", contentType: "image/png", size: 4, fileName: "rash.png" }] })),
    });
    await waitFor(() => expect(messages()).toHaveLength(2));
    await userEvent.upload(screen.getByTestId("chat-file-input"), new File(["png"], "rash.png", { type: "image/png" }));
    await waitFor(() => expect(screen.getByTestId("pending-attachment")).toHaveAttribute("data-status", "ready"));
    const upload = api.fetchMock.mock.calls.find(([url]) => String(url).endsWith("/consultations/attachments"))!;
    const form = upload[1]!.body as FormData;
    expect((form.get("file") as File).name).toBe("rash.png");

    await userEvent.type(screen.getByLabelText("Message"), "See the photo");
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(messages().at(-1)).toHaveAttribute("data-message-id", "m5"));
    expect(api.callsTo("POST", `${C}/messages`)[0]!.body).toMatchObject({ body: "See the photo", attachmentIds: ["a7"] });
    expect(screen.queryByTestId("pending-attachment")).not.toBeInTheDocument();
  });
});
