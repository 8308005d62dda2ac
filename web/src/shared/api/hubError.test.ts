import { describe, expect, it } from "vitest";
import { ApiError, errorMessageKey, hubError } from "./errors";
import en from "../i18n/en";
import ru from "../i18n/ru";

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

  it.each(["request.invalid_characters", "request.invalid", "chat.message_not_found"])(
    "gives the hub's and the API's %s its own message in English and Russian, not the generic one",
    (code) => {
      const error = hubError(new Error(`HubException: ${code}: The text contains an invisible control character.`));
      const key = errorMessageKey(error);
      expect(key).toBe(`errors.${code}`);
      const path = key.slice("errors.".length);
      for (const messages of [en, ru]) {
        const text = (messages.errors as Record<string, string>)[path];
        expect(text).toBeTruthy();
        expect(text).not.toBe((messages.errors as Record<string, string>).unknown);
      }
    },
  );
});
