import { vi } from "vitest";
import type { SessionInfo, SessionUser } from "../shared/api/types";

export interface MockRequest {
  method: string;
  path: string; // without /api/v1, without query
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export type MockResult = { status?: number; body?: unknown } | undefined;
export type MockHandler = (req: MockRequest) => MockResult | Promise<MockResult>;

export function json(status: number, body?: unknown): MockResult {
  return { status, body };
}

export function problem(status: number, code: string, errors?: Record<string, string[]>): MockResult {
  return { status, body: { type: "about:blank", title: "Problem", status, code, ...(errors ? { errors } : {}) } };
}

/** Replaces fetch; routes are "METHOD /path" → handler. Unmatched calls answer 404 not_found. */
export function mockApi(routes: Record<string, MockHandler>) {
  const calls: MockRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://localhost");
    const method = (init?.method ?? "GET").toUpperCase();
    const path = url.pathname.replace(/^\/api\/v1/, "");
    const headers = { ...(init?.headers as Record<string, string> | undefined) };
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    const req: MockRequest = { method, path, query: url.searchParams, headers, body };
    calls.push(req);
    const handler = routes[`${method} ${path}`];
    const result = handler ? await handler(req) : problem(404, "not_found");
    const status = result?.status ?? 200;
    const text = result?.body === undefined ? null : JSON.stringify(result.body);
    return new Response(status === 204 ? null : text, {
      status,
      headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock, callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path) };
}

export function user(roles: SessionUser["roles"], displayName = "Test User"): SessionUser {
  return { id: "u1", email: "user@example.org", displayName, roles, mfaEnabled: true, mfaEnrolmentRequired: false };
}

export function session(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    authenticated: false,
    idleTimeoutSeconds: 900,
    idleWarningSeconds: 120,
    environment: "Production",
    ...overrides,
  };
}

export function signedInSession(roles: SessionUser["roles"], displayName?: string): SessionInfo {
  return session({ authenticated: true, user: user(roles, displayName) });
}
