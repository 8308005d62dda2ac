import { ApiError, problemToApiError } from "./errors";
import { readCookie } from "./cookies";
import { activityStore, sessionState } from "./activity";

export const API_BASE = "/api/v1";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A query parameter; a list is sent as the key repeated (`?id=a&id=b`), as ASP.NET binds an array. */
export type QueryValue = string | number | boolean | undefined | null | readonly string[];

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
  /**
   * A request a person asked for that should extend the session (the touch sent for their actions).
   * Every other request goes out marked as background, and the server does not count it as activity.
   */
  userInitiated?: boolean;
}

/** The header that marks a request as background: the server answers it without extending the session. */
export const BACKGROUND_HEADER = "X-Telemed-Background";

let lastServerDate: number | undefined;
/** The server's clock (HTTP Date header) at the last answer, to compare server instants without clock skew. */
export function getLastServerDate(): number | undefined {
  return lastServerDate;
}

let languageProvider: () => string = () => "en";
export function setLanguageProvider(provider: () => string): void {
  languageProvider = provider;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  if (query) {
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === "") continue;
      if (typeof value === "object") {
        for (const item of value) params.append(key, item);
        continue;
      }
      params.append(key, String(value));
    }
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ""}`;
}

/** GET /auth/session only reads the session; every other call extends it. */
export function extendsSession(method: string, path: string): boolean {
  return !(method === "GET" && path.split("?")[0] === "/auth/session");
}

/** 401s from the sign-in steps are wrong credentials, not an ended session. */
function isSignInStep(path: string): boolean {
  return path.startsWith("/auth/sign-in") || path.startsWith("/auth/tokens");
}

async function parseBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The server hands out the antiforgery token with every API response; a page opened straight on a
 * link (an invitation, a reset) may write before its first read, so fetch a token first.
 */
async function ensureXsrfToken(): Promise<string | undefined> {
  const existing = readCookie("XSRF-TOKEN");
  if (existing) return existing;
  try {
    await fetch(`${API_BASE}/auth/session`, { credentials: "same-origin", headers: { Accept: "application/json" } });
  } catch {
    return undefined;
  }
  return readCookie("XSRF-TOKEN");
}

async function refreshXsrfToken(): Promise<void> {
  try {
    await fetch(`${API_BASE}/auth/session`, { credentials: "same-origin", headers: { Accept: "application/json" } });
  } catch {
    // The retry below reports the failure.
  }
}

/**
 * Two first requests racing (the app's session query and a page's first write) can leave the
 * browser with a cookie token and a request token from different responses: the server then
 * refuses the write with `antiforgery.invalid`. One sequential refresh repairs the pair.
 */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await apiFetchOnce<T>(path, options);
  } catch (error) {
    if (error instanceof ApiError && error.code === "antiforgery.invalid" && UNSAFE_METHODS.has(options.method ?? "GET")) {
      await refreshXsrfToken();
      return apiFetchOnce<T>(path, options);
    }
    throw error;
  }
}

async function apiFetchOnce<T>(path: string, options: RequestOptions): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = {
    Accept: "application/json, application/problem+json",
    "Accept-Language": languageProvider(),
    ...options.headers,
  };
  if (!options.userInitiated) headers[BACKGROUND_HEADER] = "1";
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (UNSAFE_METHODS.has(method)) {
    const token = await ensureXsrfToken();
    if (token) headers["X-XSRF-TOKEN"] = token;
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: "same-origin",
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({ status: 0, code: "network" });
  }

  const dateHeader = response.headers.get("Date");
  const serverDate = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  lastServerDate = Number.isNaN(serverDate) ? undefined : serverDate;

  const body = await parseBody(response);
  if (!response.ok) {
    const error = problemToApiError(response.status, body);
    if (response.status === 401 && !isSignInStep(path)) sessionState.reportUnauthorized();
    throw error;
  }
  if (options.userInitiated && extendsSession(method, path)) activityStore.mark();
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    apiFetch<T>(path, { method: "GET", query, signal }),
  post: <T = void>(path: string, body?: unknown) => apiFetch<T>(path, { method: "POST", body }),
  put: <T = void>(path: string, body?: unknown) => apiFetch<T>(path, { method: "PUT", body }),
  del: <T = void>(path: string) => apiFetch<T>(path, { method: "DELETE" }),
};
