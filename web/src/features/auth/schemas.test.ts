import { describe, expect, it } from "vitest";
import { isPastDate, mfaSchema, newPasswordSchema, registerSchema, signInSchema } from "./schemas";

const firstMessage = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) =>
  result.error?.issues.find((i) => i.path.join(".") === field)?.message;

describe("auth form validation", () => {
  it("requires a valid e-mail and a password to sign in", () => {
    const result = signInSchema.safeParse({ email: "not-an-email", password: "" });
    expect(result.success).toBe(false);
    expect(firstMessage(result, "email")).toBe("validation.email");
    expect(firstMessage(result, "password")).toBe("validation.required");
    expect(signInSchema.safeParse({ email: " anna@example.org ", password: "x" }).success).toBe(true);
  });

  it("validates registration fields", () => {
    const valid = {
      email: "anna@example.org",
      password: "Str0ng!pass",
      givenName: "Anna",
      familyName: "Petrova",
      dateOfBirth: "1990-04-12",
      preferredLanguage: "ru",
    };
    expect(registerSchema.safeParse(valid).success).toBe(true);
    const bad = registerSchema.safeParse({ ...valid, password: "short", givenName: "  ", dateOfBirth: "2999-01-01" });
    expect(firstMessage(bad, "password")).toBe("validation.passwordLength");
    expect(firstMessage(bad, "givenName")).toBe("validation.required");
    expect(firstMessage(bad, "dateOfBirth")).toBe("validation.dateInPast");
  });

  it("rejects impossible and future dates of birth", () => {
    const today = new Date(Date.UTC(2026, 10, 21));
    expect(isPastDate("2026-11-20", today)).toBe(true);
    expect(isPastDate("2026-11-21", today)).toBe(false);
    expect(isPastDate("2023-02-30", today)).toBe(false);
    expect(isPastDate("1850-01-01", today)).toBe(false);
    expect(isPastDate("21.11.1990", today)).toBe(false);
  });

  it("requires a long enough new password", () => {
    expect(firstMessage(newPasswordSchema.safeParse({ password: "short" }), "password")).toBe("validation.passwordLength");
    expect(newPasswordSchema.safeParse({ password: "Str0ng!pass" }).success).toBe(true);
  });

  it("accepts a 6-digit code with spaces, or a recovery code", () => {
    const ok = mfaSchema.safeParse({ mode: "code", code: "123 456" });
    expect(ok.success && ok.data.code).toBe("123456");
    expect(firstMessage(mfaSchema.safeParse({ mode: "code", code: "12345" }), "code")).toBe("validation.code6");
    expect(mfaSchema.safeParse({ mode: "recovery", code: "", recoveryCode: "ab12-cd34" }).success).toBe(true);
    expect(firstMessage(mfaSchema.safeParse({ mode: "recovery", recoveryCode: " " }), "recoveryCode")).toBe(
      "validation.required",
    );
  });
});
