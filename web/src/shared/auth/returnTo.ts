/**
 * Where a signed-out visitor was going (issue 11, item 13): the route guard sends them to
 * `/sign-in?returnTo=<path>` and the sign-in flow (through the MFA step) comes back here.
 * Only same-origin relative paths are accepted, so the parameter can never be an open redirect.
 */
export const RETURN_TO_PARAM = "returnTo";

const AUTH_PAGES = /^\/(sign-in|mfa|register|forgot-password|reset-password|verify-email)(\/|$|\?)/;

/**
 * The target when it is a path on this site ("/patient/appointments/1?x=y"), else null: absolute URLs,
 * protocol-relative ("//evil"), backslash tricks ("/\evil"), control characters, schemes and the
 * sign-in pages themselves are refused.
 */
export function safeReturnTo(value: string | null | undefined, origin: string = window.location.origin): string | null {
  if (!value || value.length > 2000) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path === "/" || AUTH_PAGES.test(path)) return null;
  return path;
}

/** The sign-in page's address that returns to `target` (the current path and query) afterwards. */
export function signInPathFor(target: string): string {
  const safe = safeReturnTo(target);
  return safe ? `/sign-in?${RETURN_TO_PARAM}=${encodeURIComponent(safe)}` : "/sign-in";
}

/** The same `returnTo` carried to the next step of the sign-in flow (the MFA pages). */
export function withReturnTo(path: string, returnTo: string | null): string {
  const safe = safeReturnTo(returnTo);
  return safe ? `${path}?${RETURN_TO_PARAM}=${encodeURIComponent(safe)}` : path;
}

const REMEMBERED_KEY = "telemed.returnTo";
/** How long a remembered target is kept (ms): long enough to find the confirmation e-mail, short enough not to surprise later. */
const REMEMBER_FOR_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps the target across an e-mail hop (registering, then following the confirmation or reset link, perhaps in a new tab):
 * stored in this browser's localStorage with an expiry, and only when it is a safe same-site path.
 */
export function rememberReturnTo(returnTo: string | null): void {
  const safe = safeReturnTo(returnTo);
  try {
    if (safe) window.localStorage.setItem(REMEMBERED_KEY, JSON.stringify({ path: safe, until: Date.now() + REMEMBER_FOR_MS }));
  } catch {
    // Storage may be off (private mode): the visitor then lands on their portal's home instead.
  }
}

/** The remembered target when it has not expired and is still safe, else null. */
export function rememberedReturnTo(): string | null {
  try {
    const raw = window.localStorage.getItem(REMEMBERED_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as { path?: unknown; until?: unknown };
    if (typeof value.path !== "string" || typeof value.until !== "number" || value.until < Date.now()) return null;
    return safeReturnTo(value.path);
  } catch {
    return null;
  }
}

/** Forgets the remembered target (once the visitor got there, or signed in). */
export function forgetReturnTo(): void {
  try {
    window.localStorage.removeItem(REMEMBERED_KEY);
  } catch {
    // nothing to forget
  }
}

/** The target of this account-flow page: its own `returnTo` parameter, else the one remembered across an e-mail hop. */
export function currentReturnTo(search: string): string | null {
  return safeReturnTo(new URLSearchParams(search).get(RETURN_TO_PARAM)) ?? rememberedReturnTo();
}
