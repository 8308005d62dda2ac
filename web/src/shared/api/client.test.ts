import { afterEach, describe, expect, it, vi } from "vitest";
import { apiFetch, BACKGROUND_HEADER, buildUrl, extendsSession } from "./client";
import { ApiError, errorMessageKey, normaliseFieldName, problemToApiError } from "./errors";
import { activityStore, sessionState } from "./activity";
import { mockApi, problem } from "../../test/mockApi";

afterEach(() => sessionState.onSessionEnded(undefined));

describe("ProblemDetails → ApiError", () => {
  it("keeps the code, status, detail and field errors (names normalised)", () => {
    const error = problemToApiError(400, {
      title: "Validation failed",
      status: 400,
      code: "validation.failed",
      errors: { Email: ["Already taken."], "Insurance.PolicyNumber": ["Too long."], "$.dateOfBirth": "Bad date" },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("validation.failed");
    expect(error.fieldErrors).toEqual({
      email: ["Already taken."],
      "insurance.policyNumber": ["Too long."],
      dateOfBirth: ["Bad date"],
    });
    expect(error.hasFieldErrors).toBe(true);
  });

  it("derives a code from the status when the server sent none", () => {
    expect(problemToApiError(500, "<html>oops</html>").code).toBe("server_error");
    expect(problemToApiError(429, undefined).code).toBe("rate_limited");
    expect(problemToApiError(403, { title: "Forbidden" }).code).toBe("forbidden");
  });

  it("picks a translated message per known code, falling back by status", () => {
    expect(errorMessageKey(new ApiError({ status: 401, code: "auth.invalid_credentials" }))).toBe(
      "errors.auth.invalid_credentials",
    );
    expect(errorMessageKey(new ApiError({ status: 409, code: "billing.something_new" }))).toBe("errors.conflict");
    expect(errorMessageKey(new ApiError({ status: 409, code: "scheduling.slot_taken" }))).toBe("errors.scheduling.slot_taken");
    expect(errorMessageKey(new Error("boom"))).toBe("errors.unknown");
    expect(normaliseFieldName("NewPassword")).toBe("newPassword");
  });
});

describe("apiFetch", () => {
  it("sends the XSRF token on state-changing requests only, with same-origin credentials", async () => {
    document.cookie = "XSRF-TOKEN=abc%3D123; path=/";
    const api = mockApi({ "GET /specialties": () => ({ body: [] }), "POST /auth/touch": () => ({ status: 204 }) });
    await apiFetch("/specialties");
    await apiFetch("/auth/touch", { method: "POST" });
    const [getCall, postCall] = api.fetchMock.mock.calls;
    expect((getCall![1]!.headers as Record<string, string>)["X-XSRF-TOKEN"]).toBeUndefined();
    expect((postCall![1]!.headers as Record<string, string>)["X-XSRF-TOKEN"]).toBe("abc=123");
    expect(postCall![1]!.credentials).toBe("same-origin");
  });

  it("repairs a mismatched antiforgery pair once: refreshes the token, then retries the write", async () => {
    document.cookie = "XSRF-TOKEN=stale; path=/";
    let attempts = 0;
    const api = mockApi({
      "GET /auth/session": () => ({ body: { authenticated: false } }),
      "POST /auth/invitations/accept": () => (++attempts === 1 ? problem(400, "antiforgery.invalid") : { body: { status: "mfaEnrolmentRequired" } }),
    });
    await expect(apiFetch("/auth/invitations/accept", { method: "POST", body: {} })).resolves.toEqual({ status: "mfaEnrolmentRequired" });
    const paths = api.fetchMock.mock.calls.map(([url, init]) => `${(init as RequestInit | undefined)?.method ?? "GET"} ${String(url)}`);
    expect(paths).toEqual(["POST /api/v1/auth/invitations/accept", "GET /api/v1/auth/session", "POST /api/v1/auth/invitations/accept"]);
  });

  it("does not retry a write refused for any other reason", async () => {
    document.cookie = "XSRF-TOKEN=abc; path=/";
    const api = mockApi({ "POST /auth/sign-in": () => problem(401, "auth.invalid_credentials") });
    await expect(apiFetch("/auth/sign-in", { method: "POST", body: {} })).rejects.toMatchObject({ code: "auth.invalid_credentials" });
    expect(api.fetchMock.mock.calls).toHaveLength(1);
  });

  it("throws a typed ApiError for a ProblemDetails answer", async () => {
    mockApi({ "POST /auth/sign-in": () => problem(423, "auth.locked_out") });
    await expect(apiFetch("/auth/sign-in", { method: "POST", body: {} })).rejects.toMatchObject({
      status: 423,
      code: "auth.locked_out",
    });
  });

  it("maps a network failure to code 'network'", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))));
    await expect(apiFetch("/clinics")).rejects.toMatchObject({ status: 0, code: "network" });
  });

  it("drops query values that are empty", async () => {
    const api = mockApi({ "GET /doctors": () => ({ body: { items: [], total: 0, page: 1, pageSize: 10 } }) });
    await apiFetch("/doctors", { query: { specialty: "", minPrice: 100000, name: undefined, page: 1 } });
    expect(String(api.fetchMock.mock.calls[0]![0])).toBe("/api/v1/doctors?minPrice=100000&page=1");
  });

  it("marks background calls as such and counts only a person's touch as activity", async () => {
    const api = mockApi({
      "GET /auth/session": () => ({ body: { authenticated: true } }),
      "GET /clinics": () => ({ body: [] }),
      "POST /auth/touch": () => ({ status: 204 }),
    });
    activityStore.mark(1000);
    await apiFetch("/auth/session");
    expect(activityStore.get()).toBe(1000);
    await apiFetch("/clinics");
    expect(activityStore.get()).toBe(1000);
    await apiFetch("/auth/touch", { method: "POST", userInitiated: true });
    expect(activityStore.get()).toBeGreaterThan(1000);
    const headers = api.fetchMock.mock.calls.map(([, init]) => (init as RequestInit).headers as Record<string, string>);
    expect(headers[1]![BACKGROUND_HEADER]).toBe("1");
    expect(headers[2]![BACKGROUND_HEADER]).toBeUndefined();
    expect(extendsSession("GET", "/auth/session")).toBe(false);
    expect(extendsSession("POST", "/auth/touch")).toBe(true);
  });

  it("reports an ended session on a 401 only after having been signed in, and only once", async () => {
    const ended = vi.fn();
    sessionState.onSessionEnded(ended);
    mockApi({ "GET /doctor/patients": () => problem(401, "unauthorized"), "POST /auth/sign-in": () => problem(401, "auth.invalid_credentials") });

    await expect(apiFetch("/doctor/patients")).rejects.toBeInstanceOf(ApiError);
    expect(ended).not.toHaveBeenCalled(); // never signed in: just an error

    sessionState.setSignedIn(true);
    await expect(apiFetch("/auth/sign-in", { method: "POST", body: {} })).rejects.toBeInstanceOf(ApiError);
    expect(ended).not.toHaveBeenCalled(); // wrong password is not an ended session

    await expect(apiFetch("/doctor/patients")).rejects.toBeInstanceOf(ApiError);
    await expect(apiFetch("/doctor/patients")).rejects.toBeInstanceOf(ApiError);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(sessionState.isSignedIn()).toBe(false);
  });
});

describe("buildUrl", () => {
  it("sends a list as the key repeated, as ASP.NET binds an array, and skips empty values", () => {
    expect(buildUrl("/payments/statuses", { appointmentId: ["a1", "a2"], page: undefined, q: "" })).toBe(
      "/api/v1/payments/statuses?appointmentId=a1&appointmentId=a2",
    );
  });
});
