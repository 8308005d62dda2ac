import { api, apiFetch, API_BASE } from "../../shared/api/client";
import { ApiError, problemToApiError } from "../../shared/api/errors";
import { readCookie } from "../../shared/api/cookies";
import { activityStore, sessionState } from "../../shared/api/activity";
import { CONSULTATIONS_BASE } from "../../shared/api/consultations";

/** Chat and attachment endpoints (docs/api-consultations.md; relative to /api/v1/consultations). */
export const CHAT_BASE = `${CONSULTATIONS_BASE}/conversations`;
export const ATTACHMENTS_BASE = `${CONSULTATIONS_BASE}/attachments`;

export type SenderRole = "patient" | "doctor";

export interface ConversationView {
  id: string;
  kind: "consultation" | "careTeam";
  consultationId?: string | null;
  patientName?: string | null;
  doctorName?: string | null;
  subject?: string | null;
  lastMessageAt?: string | null;
  unread: number;
  /** For a patient account (its list and a read of one): the conversation is about a dependant (a guardian's child, `patientName`), not the account's own record. */
  forDependant?: boolean;
}

export interface AttachmentInfo {
  id: string;
  contentType: string;
  size: number;
  fileName?: string | null;
}

export interface MessageView {
  id: string;
  conversationId: string;
  senderUserId: string;
  senderName: string;
  senderRole: SenderRole;
  body: string;
  sentAt: string;
  attachments: AttachmentInfo[];
  readAt?: string | null;
}

export interface NewConversation {
  doctorId: string;
  /** A dependant's id (a guardian's child) when the thread is about the child; absent for the account's own record. */
  patientId?: string;
  subject: string;
  body: string;
  attachmentIds: string[];
}

export interface TypingEvent {
  conversationId: string;
  userId: string;
  name: string;
}

export interface ReadReceipt {
  conversationId: string;
  messageId: string;
  readerUserId: string;
  readAt: string;
}

const enc = encodeURIComponent;

export const chatApi = {
  conversations: () => api.get<ConversationView[]>(CHAT_BASE),
  conversation: (conversationId: string) => api.get<ConversationView>(`${CHAT_BASE}/${enc(conversationId)}`),
  /**
   * POST /consultations/conversations. The same body again with the same idempotencyKey (an error, a lost answer) is answered with
   * the conversation the first send started instead of starting another; 422 idempotency.key_reused for the key with another body.
   */
  create: (body: NewConversation, idempotencyKey: string) =>
    apiFetch<ConversationView>(CHAT_BASE, { method: "POST", body, headers: { "Idempotency-Key": idempotencyKey } }),
  ofConsultation: (consultationId: string) =>
    api.get<ConversationView>(`${CONSULTATIONS_BASE}/${enc(consultationId)}/conversation`),
  messages: (conversationId: string, before?: string, take = 50) =>
    api.get<MessageView[]>(`${CHAT_BASE}/${enc(conversationId)}/messages`, { before, take }),
  send: (conversationId: string, body: { body: string; attachmentIds: string[]; clientMessageId: string }) =>
    api.post<MessageView>(`${CHAT_BASE}/${enc(conversationId)}/messages`, body),
  markRead: (conversationId: string, messageId: string) =>
    api.post(`${CHAT_BASE}/${enc(conversationId)}/read`, { messageId }),
};

/** The URL of an attachment's bytes (same origin: the session cookie authenticates it). */
export function attachmentUrl(id: string): string {
  return `${API_BASE}${ATTACHMENTS_BASE}/${enc(id)}`;
}

async function readProblem(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    const text = await response.text();
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    body = undefined;
  }
  return problemToApiError(response.status, body);
}

async function xsrfToken(): Promise<string | undefined> {
  const existing = readCookie("XSRF-TOKEN");
  if (existing) return existing;
  try {
    await fetch(`${API_BASE}/auth/session`, { credentials: "same-origin", headers: { Accept: "application/json" } });
  } catch {
    return undefined;
  }
  return readCookie("XSRF-TOKEN");
}

async function uploadOnce(file: File): Promise<AttachmentInfo> {
  const form = new FormData();
  form.append("file", file, file.name);
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
  const token = await xsrfToken();
  if (token) headers["X-XSRF-TOKEN"] = token;
  if (typeof document !== "undefined" && document.documentElement.lang) {
    headers["Accept-Language"] = document.documentElement.lang;
  }
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${ATTACHMENTS_BASE}`, { method: "POST", body: form, headers, credentials: "same-origin" });
  } catch {
    throw new ApiError({ status: 0, code: "network" });
  }
  if (!response.ok) {
    const error = await readProblem(response);
    if (response.status === 401) sessionState.reportUnauthorized();
    throw error;
  }
  activityStore.mark();
  return (await response.json()) as AttachmentInfo;
}

/** POST /attachments as multipart (field `file`); 413/415/422 come back as ApiError with their codes. */
export async function uploadAttachment(file: File): Promise<AttachmentInfo> {
  try {
    return await uploadOnce(file);
  } catch (error) {
    if (error instanceof ApiError && error.code === "antiforgery.invalid") {
      try {
        await fetch(`${API_BASE}/auth/session`, { credentials: "same-origin", headers: { Accept: "application/json" } });
      } catch {
        /* the retry reports it */
      }
      return uploadOnce(file);
    }
    throw error;
  }
}

/** Bytes as a data: URL (no FileReader: works the same in browsers and tests). */
async function toDataUrl(response: Response): Promise<string> {
  const declared = (response.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  const type = declared.startsWith("image/") ? declared : "application/octet-stream";
  const bytes = new Uint8Array(await response.arrayBuffer());
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return `data:${type};base64,${btoa(binary)}`;
}

/**
 * An attachment's bytes through an authenticated fetch, as a URL an <img> can show. The host's CSP
 * allows `img-src 'self' data:` (no `blob:`), so the bytes become a data: URL.
 */
export async function fetchAttachmentImage(id: string, signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(attachmentUrl(id), { credentials: "same-origin", signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({ status: 0, code: "network" });
  }
  if (!response.ok) throw await readProblem(response);
  return toDataUrl(response);
}

export function isImage(contentType: string): boolean {
  return /^image\/(jpeg|png|webp|gif)$/i.test(contentType);
}
