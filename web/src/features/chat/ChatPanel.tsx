import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSession } from "../../shared/auth/session";
import { Loading } from "../../shared/ui/feedback";
import { AttachmentPicker } from "./AttachmentPicker";
import { AttachmentView } from "./AttachmentView";
import { chatApi, type AttachmentInfo, type MessageView, type ReadReceipt, type SenderRole, type TypingEvent } from "./chatApi";
import { createChatConnection, type HubLike } from "./chatHub";
import { useProblemText } from "../../shared/ui/problemText";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { useAttachmentUploads } from "./useAttachmentUploads";
import "./chat.css";
import { rereadQueries } from "../../shared/realtime/rereadQueries";
import { Form } from "../../shared/ui/Form";
import { UserSentence, UserText } from "../../shared/ui/UserText";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { BusyButton } from "../../shared/ui/BusyButton";

export const PAGE_SIZE = 50;
/** Typing is sent at most this often while the user types. */
export const TYPING_THROTTLE_MS = 2000;
/** "… is typing" shows this long after the last typing event. */
export const TYPING_SHOW_MS = 4000;
const RETRY_MS = 5000;

export type ChatHubState = "connecting" | "live" | "reconnecting" | "offline";

interface PendingMessage {
  clientMessageId: string;
  body: string;
  attachments: AttachmentInfo[];
}

interface FailedSend extends PendingMessage {
  error: unknown;
}

/** An instant from the API; one without an offset is UTC. */
export function parseInstant(value: string): Date {
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(value);
  return new Date(hasZone || !/T\d/.test(value) ? value : `${value}Z`);
}

function time(value: string): number {
  const parsed = parseInstant(value).getTime();
  return Number.isNaN(parsed) ? 0 : parsed;
}

/** Messages by id, oldest first (later copies win). */
export function mergeMessages(...lists: MessageView[][]): MessageView[] {
  const byId = new Map<string, MessageView>();
  for (const list of lists) for (const m of list) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => time(a.sentAt) - time(b.sentAt) || a.id.localeCompare(b.id));
}

function newClientMessageId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

const sameAttachments = (a: AttachmentInfo[], b: AttachmentInfo[]) =>
  a.length === b.length && a.every((x, i) => x.id === b[i]!.id);

export interface ChatPanelProps {
  conversationId: string;
  /** A heading above the messages (the call page puts the panel under its own summary instead). */
  heading?: string;
  className?: string;
}

/** One conversation: history, live messages over /hubs/chat, sending with attachments, typing and read receipts. */
export function ChatPanel(props: ChatPanelProps) {
  return <ChatPanelBody key={props.conversationId} {...props} />;
}

function ChatPanelBody({ conversationId, heading, className }: ChatPanelProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const problemText = useProblemText("calls");
  const user = useSession().data?.user;
  const myId = user?.id ?? "";
  const myRole: SenderRole = user?.roles.includes("Doctor") ? "doctor" : "patient";

  const history = useQuery({
    queryKey: ["chat-messages", conversationId],
    queryFn: () => chatApi.messages(conversationId, undefined, PAGE_SIZE),
  });
  const [extra, setExtra] = useState<MessageView[]>([]);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [failed, setFailed] = useState<FailedSend | null>(null);
  const [draft, setDraft] = useState("");
  const uploads = useAttachmentUploads();
  const [typingName, setTypingName] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<ReadReceipt | null>(null);
  const [hub, setHub] = useState<ChatHubState>("connecting");
  const [olderState, setOlderState] = useState<"idle" | "loading" | "done">("idle");
  const [olderError, setOlderError] = useState<unknown>(null);

  const messages = useMemo(() => mergeMessages(history.data ?? [], extra), [history.data, extra]);

  const connection = useRef<HubLike | null>(null);
  const live = useRef(false);
  const myIdRef = useRef(myId);
  myIdRef.current = myId;
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastTypingSent = useRef(0);

  // ----- live connection -----
  useEffect(() => {
    const conn = createChatConnection();
    connection.current = conn;
    let disposed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;

    const onMessage = (...args: unknown[]) => {
      const message = args[0] as MessageView | undefined;
      if (!message || message.conversationId !== conversationId) return;
      setExtra((list) => [...list.filter((m) => m.id !== message.id), message]);
      if (message.senderUserId === myIdRef.current) {
        // Our own message echoed before the POST answered: it is no longer pending.
        setPending((list) => {
          const index = list.findIndex((p) => p.body === message.body);
          return index < 0 ? list : list.filter((_, i) => i !== index);
        });
      } else {
        clearTimeout(typingTimer.current);
        setTypingName(null);
      }
    };
    const onTyping = (...args: unknown[]) => {
      const event = args[0] as TypingEvent | undefined;
      if (!event || event.conversationId !== conversationId || event.userId === myIdRef.current) return;
      setTypingName(event.name);
      clearTimeout(typingTimer.current);
      typingTimer.current = setTimeout(() => setTypingName(null), TYPING_SHOW_MS);
    };
    const onReceipt = (...args: unknown[]) => {
      const event = args[0] as ReadReceipt | undefined;
      if (!event || event.conversationId !== conversationId || event.readerUserId === myIdRef.current) return;
      setReceipt((previous) => (!previous || time(event.readAt) >= time(previous.readAt) ? event : previous));
    };
    const join = () => conn.invoke("JoinConversation", conversationId);
    const start = async () => {
      try {
        await conn.start();
      } catch {
        if (disposed) return;
        setHub("offline");
        retry = setTimeout(() => void start(), RETRY_MS);
        return;
      }
      if (disposed) return;
      live.current = true;
      await join().catch(() => undefined);
      if (disposed) return;
      setHub("live");
      // A message sent between the thread's first read and the join (or while the connection was closed) is not replayed.
      void rereadQueries(queryClient, { queryKey: ["chat-messages", conversationId] });
    };

    conn.on("messageReceived", onMessage);
    conn.on("typing", onTyping);
    conn.on("readReceipt", onReceipt);
    conn.onreconnecting(() => {
      live.current = false;
      if (!disposed) setHub("reconnecting");
    });
    conn.onreconnected(() => {
      if (disposed) return;
      live.current = true;
      void join().catch(() => undefined);
      setHub("live");
      // Messages may have arrived while we were away.
      void rereadQueries(queryClient, { queryKey: ["chat-messages", conversationId] });
    });
    conn.onclose(() => {
      live.current = false;
      if (disposed) return;
      setHub("offline");
      clearTimeout(retry);
      retry = setTimeout(() => void start(), RETRY_MS);
    });
    void start();

    return () => {
      disposed = true;
      clearTimeout(retry);
      clearTimeout(typingTimer.current);
      conn.off("messageReceived", onMessage);
      conn.off("typing", onTyping);
      conn.off("readReceipt", onReceipt);
      if (live.current) void conn.invoke("LeaveConversation", conversationId).catch(() => undefined);
      live.current = false;
      connection.current = null;
      void conn.stop().catch(() => undefined);
    };
  }, [conversationId, queryClient]);

  // ----- read receipts we send -----
  const listRef = useRef<HTMLOListElement>(null);
  const [inView, setInView] = useState(true);
  const [pageVisible, setPageVisible] = useState(() => typeof document === "undefined" || document.visibilityState !== "hidden");
  useEffect(() => {
    const onVisibility = () => setPageVisible(document.visibilityState !== "hidden");
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, []);
  useEffect(() => {
    const element = listRef.current;
    if (!element || typeof IntersectionObserver !== "function") return;
    const observer = new IntersectionObserver((entries) => setInView(entries.some((e) => e.isIntersecting)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const newestFromOther = useMemo(() => [...messages].reverse().find((m) => m.senderUserId !== myId), [messages, myId]);
  const marked = useRef<string | null>(null);
  useEffect(() => {
    const message = newestFromOther;
    if (!message || !myId || message.readAt || !inView || !pageVisible) return;
    if (hub === "connecting" || hub === "reconnecting" || marked.current === message.id) return;
    marked.current = message.id;
    const conn = connection.current;
    const done = hub === "live" && conn ? conn.invoke("MarkRead", conversationId, message.id) : chatApi.markRead(conversationId, message.id);
    done.then(
      () => void queryClient.invalidateQueries({ queryKey: ["conversations"] }),
      () => {
        marked.current = null;
      },
    );
  }, [newestFromOther, myId, inView, pageVisible, hub, conversationId, queryClient]);

  const receiptTime = useMemo(() => {
    if (!receipt) return undefined;
    const covered = messages.find((m) => m.id === receipt.messageId);
    return covered ? time(covered.sentAt) : undefined;
  }, [receipt, messages]);
  const isRead = (m: MessageView) => Boolean(m.readAt) || (receiptTime !== undefined && time(m.sentAt) <= receiptTime);

  // Keep the newest message in sight.
  const count = messages.length + pending.length;
  useEffect(() => {
    const element = listRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [count]);

  // ----- typing we send -----
  const onDraft = (value: string) => {
    setDraft(value);
    if (!value.trim() || !live.current) return;
    const now = Date.now();
    if (now - lastTypingSent.current < TYPING_THROTTLE_MS) return;
    lastTypingSent.current = now;
    void connection.current?.invoke("Typing", conversationId).catch(() => undefined);
  };

  // ----- sending -----
  const send = useCallback(async () => {
    const body = draft.trim();
    const attachments = uploads.ready;
    if ((!body && attachments.length === 0) || uploads.busy) return;
    const retrying = failed && failed.body === body && sameAttachments(failed.attachments, attachments);
    const clientMessageId = retrying ? failed.clientMessageId : newClientMessageId();
    setFailed(null);
    setPending((list) => [...list, { clientMessageId, body, attachments }]);
    setDraft("");
    uploads.clear();
    try {
      const message = await chatApi.send(conversationId, { body, attachmentIds: attachments.map((a) => a.id), clientMessageId });
      setExtra((list) => [...list.filter((m) => m.id !== message.id), message]);
    } catch (error) {
      // Keep what was written so nothing is lost; Retry sends it again with the same clientMessageId.
      setDraft((current) => (current.trim() ? current : body));
      uploads.restore(attachments);
      setFailed({ clientMessageId, body, attachments, error });
    } finally {
      setPending((list) => list.filter((p) => p.clientMessageId !== clientMessageId));
    }
  }, [draft, uploads, failed, conversationId]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  const loadOlder = async () => {
    const first = messages[0];
    if (!first) return;
    setOlderState("loading");
    setOlderError(null);
    try {
      const older = await chatApi.messages(conversationId, first.id, PAGE_SIZE);
      setExtra((list) => mergeMessages(older, list));
      setOlderState(older.length < PAGE_SIZE ? "done" : "idle");
    } catch (error) {
      setOlderError(error);
      setOlderState("idle");
    }
  };

  const formatSent = useMemo(() => {
    const sameDay = new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit" });
    const otherDay = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
    const today = new Date().toDateString();
    return (value: string) => {
      const date = parseInstant(value);
      if (Number.isNaN(date.getTime())) return "";
      return date.toDateString() === today ? sameDay.format(date) : otherDay.format(date);
    };
  }, [i18n.language]);

  const canLoadOlder = (history.data?.length ?? 0) >= PAGE_SIZE && olderState !== "done";
  const messageId = `chat-input-${conversationId}`;
  const sendWhyId = `${messageId}-why`;
  const sendWhy = uploads.busy
    ? t("calls.chat.sendWhyUploading")
    : !draft.trim() && uploads.ready.length === 0
      ? t("calls.chat.sendWhyEmpty")
      : null;

  return (
    <section className={`chat-panel${className ? ` ${className}` : ""}`} aria-label={heading ?? t("calls.chat.title")} data-testid="chat-panel" data-hub={hub}>
      {heading ? <h2 className="chat-panel__heading">{heading}</h2> : null}
      {history.isPending ? <Loading /> : null}
      <ProblemMessage error={history.error} namespace="calls" onRetry={() => void history.refetch()} retryLabel={t("calls.chat.retry")} />
      {canLoadOlder ? (
        <BusyButton type="button" className="link-button chat-panel__older" onClick={() => void loadOlder()} busy={olderState === "loading"}>
          {t("calls.chat.loadEarlier")}
        </BusyButton>
      ) : null}
      {olderError ? <p className="field-error">{problemText.withFields(olderError)}</p> : null}

      <ol ref={listRef} className="chat-messages" data-testid="chat-messages" aria-live="polite" tabIndex={0}>
        {history.data && messages.length === 0 && pending.length === 0 ? <li className="chat-messages__empty">{t("calls.chat.empty")}</li> : null}
        {messages.map((m) => {
          const own = m.senderUserId === myId;
          return (
            <li
              key={m.id}
              className={`chat-message${own ? " chat-message--own" : ""}`}
              data-testid="chat-message"
              data-sender-role={m.senderRole}
              data-message-id={m.id}
              data-own={own ? "true" : "false"}
            >
              <p className="chat-message__meta">
                <span className="chat-message__sender">{own ? t("calls.chat.you") : <UserText>{m.senderName}</UserText>}</span>{" "}
                <time dateTime={m.sentAt}>{formatSent(m.sentAt)}</time>
              </p>
              {m.body ? <p className="chat-message__body" dir="auto">{m.body}</p> : null}
              {m.attachments.length > 0 ? (
                <div className="chat-message__attachments">
                  {m.attachments.map((a) => (
                    <AttachmentView key={a.id} attachment={a} />
                  ))}
                </div>
              ) : null}
              {own && isRead(m) ? (
                <span className="chat-message__read" data-testid="read-receipt">
                  {t("calls.chat.read")}
                </span>
              ) : null}
            </li>
          );
        })}
        {pending.map((p) => (
          <li
            key={p.clientMessageId}
            className="chat-message chat-message--own chat-message--pending"
            data-testid="chat-message"
            data-sender-role={myRole}
            data-pending="true"
            data-client-message-id={p.clientMessageId}
            data-own="true"
          >
            <p className="chat-message__meta">
              <span className="chat-message__sender">{t("calls.chat.you")}</span> <span>{t("calls.chat.sending")}</span>
            </p>
            {p.body ? <p className="chat-message__body" dir="auto">{p.body}</p> : null}
            {p.attachments.length > 0 ? (
              <p className="chat-message__files" dir="auto">{p.attachments.map((a) => a.fileName).join(", ")}</p>
            ) : null}
          </li>
        ))}
      </ol>

      <p className="chat-typing" aria-live="polite">
        {typingName ? <span data-testid="typing-indicator"><UserSentence i18nKey="calls.chat.typing" user={{ name: typingName }} /></span> : null}
      </p>

      {failed ? (
        <ProblemMessage error={failed.error ?? "unknown"} namespace="calls" testId="chat-send-error" lead={t("calls.chat.sendFailed")} onRetry={() => void send()} retryLabel={t("calls.chat.retry")} />
      ) : null}

      <Form className="chat-composer" onSubmit={onSubmit}>
        <div className="field chat-composer__field">
          <label htmlFor={messageId}>{t("calls.chat.message")}</label>
          <textarea id={messageId} dir="auto" rows={2} value={draft} onChange={(e) => onDraft(e.target.value)} onKeyDown={onKeyDown} maxLength={4000} />
        </div>
        <AttachmentPicker items={uploads.items} onAdd={uploads.add} onRemove={uploads.remove} />
        <button type="submit" className="button" disabled={!!sendWhy} aria-describedby={sendWhy ? sendWhyId : undefined}>
          {t("calls.chat.send")}
        </button>
        <DisabledReason id={sendWhyId} reason={sendWhy} testId="chat-send-why" />
      </Form>
    </section>
  );
}
