import { describe, expect, it } from "vitest";
import { ApiError, hubError } from "./errors";

describe("hubError", () => {
  it("reads the stable code the server puts before a hub error's text", () => {
    const error = hubError(
      new Error("An unexpected error occurred invoking 'JoinCall' on the server. HubException: consultation.not_found: There is no such consultation."),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("consultation.not_found");
    expect((error as ApiError).detail).toBe("There is no such consultation.");
  });

  it("leaves other errors as they are", () => {
    const original = new Error("WebSocket closed with status code: 1006 (no reason given).");
    expect(hubError(original)).toBe(original);
  });
});
