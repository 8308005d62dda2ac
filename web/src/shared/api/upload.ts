import { buildUrl } from "./client";
import { readCookie } from "./cookies";
import { activityStore, sessionState } from "./activity";
import { ApiError, problemToApiError } from "./errors";

/**
 * POSTs a multipart form (a file upload) to `path` under /api/v1 and returns the parsed JSON answer. `fetch` sets the multipart
 * boundary itself, so this does not go through the JSON client; it does what the client does around a call: the antiforgery
 * token (fetched first when missing, and once more after `antiforgery.invalid`), the reader's language, problem details turned
 * into an {@link ApiError} (`network` when the request never left), a 401 reported to the session, activity marked.
 * `form` is called again for the retry because a sent FormData cannot be reused. `extraHeaders`: e.g. an Idempotency-Key.
 */
export async function postMultipart<T>(
  path: string,
  form: () => FormData,
  language: string,
  extraHeaders: Record<string, string> = {},
  retried = false,
): Promise<T> {
  let token = readCookie("XSRF-TOKEN");
  if (!token || retried) {
    try {
      await fetch(buildUrl("/auth/session"), { credentials: "same-origin", headers: { Accept: "application/json" } });
    } catch {
      // The upload below reports the failure.
    }
    token = readCookie("XSRF-TOKEN");
  }
  const headers: Record<string, string> = { ...extraHeaders, Accept: "application/json, application/problem+json", "Accept-Language": language };
  if (token) headers["X-XSRF-TOKEN"] = token;
  let response: Response;
  try {
    response = await fetch(buildUrl(path), { method: "POST", body: form(), headers, credentials: "same-origin" });
  } catch {
    throw new ApiError({ status: 0, code: "network" });
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    const error = problemToApiError(response.status, parsed);
    if (error.code === "antiforgery.invalid" && !retried) return postMultipart(path, form, language, extraHeaders, true);
    if (response.status === 401) sessionState.reportUnauthorized();
    throw error;
  }
  activityStore.mark();
  return parsed as T;
}
