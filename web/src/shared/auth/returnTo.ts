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
