/** A failed API call, mapped from an RFC 9457 ProblemDetails answer (or a network failure). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title?: string;
  readonly detail?: string;
  readonly fieldErrors: Record<string, string[]>;

  constructor(init: {
    status: number;
    code: string;
    title?: string;
    detail?: string;
    fieldErrors?: Record<string, string[]>;
  }) {
    super(init.detail ?? init.title ?? init.code);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? {};
  }

  get hasFieldErrors(): boolean {
    return Object.keys(this.fieldErrors).length > 0;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Error codes the UI has a translated message for (see docs/api-v1.md). */
export const KNOWN_ERROR_CODES = [
  "auth.invalid_credentials",
  "auth.email_not_verified",
  "auth.locked_out",
  "auth.suspended",
  "auth.invalid_mfa_code",
  "auth.invalid_token",
  "auth.mfa_required",
  "rate_limited",
  "validation.failed",
  "request.invalid",
  "request.invalid_characters",
  "chat.message_not_found",
  "not_found",
  "antiforgery.invalid",
  "directory.invalid_status_transition",
  "directory.licence_expired",
  "directory.licence_verification_required",
  "scheduling.slot_taken",
  "scheduling.slot_unavailable",
  "scheduling.doctor_not_found",
  "scheduling.doctor_licence_expired",
  "scheduling.invalid_transition",
  "scheduling.offer_expired",
  "scheduling.link_expired",
  "scheduling.link_not_found",
  "idempotency.key_reused",
  "unauthorized",
  "forbidden",
  "conflict",
  "server_error",
  "network",
  "unknown",
] as const;

export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

/** The code used when the server sent none, derived from the HTTP status. */
export function codeForStatus(status: number): KnownErrorCode {
  if (status === 400) return "validation.failed";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 423) return "auth.locked_out";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server_error";
  return "unknown";
}

/** Server field names may be "Email", "insurance.Provider" or "$.email": normalise to the form's camelCase paths. */
export function normaliseFieldName(name: string): string {
  return name
    .replace(/^\$\.?/, "")
    .split(".")
    .map((part) => (part.length > 0 ? part[0]!.toLowerCase() + part.slice(1) : part))
    .join(".");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readFieldErrors(value: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (!isRecord(value)) return result;
  for (const [key, messages] of Object.entries(value)) {
    const list = Array.isArray(messages)
      ? messages.filter((m): m is string => typeof m === "string")
      : typeof messages === "string"
        ? [messages]
        : [];
    if (list.length === 0) continue;
    const field = normaliseFieldName(key);
    result[field] = [...(result[field] ?? []), ...list];
  }
  return result;
}

/** Builds an ApiError from a status and a parsed body (ProblemDetails or anything else). */
export function problemToApiError(status: number, body: unknown): ApiError {
  if (isRecord(body)) {
    const code = typeof body.code === "string" && body.code.length > 0 ? body.code : codeForStatus(status);
    return new ApiError({
      status,
      code,
      title: typeof body.title === "string" ? body.title : undefined,
      detail: typeof body.detail === "string" ? body.detail : undefined,
      fieldErrors: readFieldErrors(body.errors),
    });
  }
  return new ApiError({ status, code: codeForStatus(status) });
}

/** Translation key for an error code: known codes have their own message, others fall back by status. */
export function errorMessageKey(error: unknown): string {
  if (!isApiError(error)) return "errors.unknown";
  if ((KNOWN_ERROR_CODES as readonly string[]).includes(error.code)) return `errors.${error.code}`;
  return `errors.${codeForStatus(error.status)}`;
}

/**
 * A refused hub invocation as an ApiError. The server's hub errors carry the same stable code as REST answers, as
 * "code: text" after SignalR's "HubException: " prefix; anything else is returned unchanged.
 */
export function hubError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const match = /(?:HubException: )?([a-z0-9_]+(?:\.[a-z0-9_]+)+): (.*)$/s.exec(message);
  if (!match) return error;
  return new ApiError({ status: 0, code: match[1], detail: match[2] });
}
