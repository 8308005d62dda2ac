import { describe, expect, it } from "vitest";
import { currentReturnTo, forgetReturnTo, rememberReturnTo, rememberedReturnTo, safeReturnTo, signInPathFor, withReturnTo } from "./returnTo";

const origin = "https://clinic.example";

describe("safeReturnTo", () => {
  it("keeps a path on this site with its query", () => {
    expect(safeReturnTo("/patient/appointments/42?from=ics", origin)).toBe("/patient/appointments/42?from=ics");
  });

  it.each([
    "https://evil.example/x",
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/patient\u0000",
    "patient/appointments",
    "",
    "/",
    "/sign-in",
    "/mfa?returnTo=/x",
  ])("refuses %j", (value) => {
    expect(safeReturnTo(value, origin)).toBeNull();
  });

  it("builds the sign-in and MFA addresses only for safe targets", () => {
    expect(signInPathFor("/patient/appointments/42")).toBe("/sign-in?returnTo=%2Fpatient%2Fappointments%2F42");
    expect(signInPathFor("//evil.example")).toBe("/sign-in");
    expect(withReturnTo("/mfa", "/front-desk/today")).toBe("/mfa?returnTo=%2Ffront-desk%2Ftoday");
    expect(withReturnTo("/mfa", "https://evil.example")).toBe("/mfa");
  });
});

describe("a target kept across an e-mail hop", () => {
  it("is remembered when safe, read back by pages without the parameter, and forgotten after", () => {
    forgetReturnTo();
    rememberReturnTo("//evil.example/x");
    expect(rememberedReturnTo()).toBeNull();
    rememberReturnTo("/patient/appointments?tab=past");
    expect(rememberedReturnTo()).toBe("/patient/appointments?tab=past");
    expect(currentReturnTo("?token=abc")).toBe("/patient/appointments?tab=past");
    expect(currentReturnTo("?returnTo=%2Fpatient%2Fdoctors")).toBe("/patient/doctors");
    forgetReturnTo();
    expect(currentReturnTo("?token=abc")).toBeNull();
  });

  it("expires after a day", () => {
    window.localStorage.setItem("telemed.returnTo", JSON.stringify({ path: "/patient/appointments", until: Date.now() - 1 }));
    expect(rememberedReturnTo()).toBeNull();
  });
});
