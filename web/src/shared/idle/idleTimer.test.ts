import { describe, expect, it } from "vitest";
import {
  computeIdleState,
  formatCountdown,
  idleDeadlines,
  lastActivityFromExpiry,
  msUntilNextChange,
} from "./idleTimer";

const config = { timeoutSeconds: 900, warningSeconds: 120 };
const t0 = Date.UTC(2026, 10, 21, 10, 0, 0);
const minutes = (m: number) => m * 60_000;

describe("idle timer rules", () => {
  it("warns 120 s before the 900 s timeout", () => {
    const { warnAt, expiresAt } = idleDeadlines(t0, config);
    expect(warnAt - t0).toBe(minutes(13));
    expect(expiresAt - t0).toBe(minutes(15));
  });

  it("is active until 13 minutes without activity", () => {
    const state = computeIdleState(t0, t0 + minutes(13) - 1, config);
    expect(state.phase).toBe("active");
    expect(state.secondsLeft).toBe(121);
  });

  it("shows the warning with a 120 s countdown at 13 minutes", () => {
    const state = computeIdleState(t0, t0 + minutes(13), config);
    expect(state.phase).toBe("warning");
    expect(state.secondsLeft).toBe(120);
  });

  it("counts down in whole seconds, rounding up", () => {
    expect(computeIdleState(t0, t0 + minutes(14) + 500, config).secondsLeft).toBe(60);
    expect(computeIdleState(t0, t0 + minutes(15) - 1, config).secondsLeft).toBe(1);
  });

  it("expires at 15 minutes and never shows negative seconds", () => {
    const atEnd = computeIdleState(t0, t0 + minutes(15), config);
    expect(atEnd.phase).toBe("expired");
    expect(atEnd.secondsLeft).toBe(0);
    expect(computeIdleState(t0, t0 + minutes(60), config).secondsLeft).toBe(0);
  });

  it("new activity resets the warning", () => {
    const later = t0 + minutes(14);
    expect(computeIdleState(t0, later, config).phase).toBe("warning");
    expect(computeIdleState(later, later, config).phase).toBe("active");
  });

  it("clamps a warning longer than the timeout", () => {
    const state = computeIdleState(t0, t0, { timeoutSeconds: 60, warningSeconds: 600 });
    expect(state.phase).toBe("warning");
    expect(state.secondsLeft).toBe(60);
  });

  it("schedules the next check at the warning, then at each second boundary", () => {
    const now = t0 + minutes(5);
    expect(msUntilNextChange(computeIdleState(t0, now, config), now)).toBe(minutes(8));
    const inWarning = t0 + minutes(13) + 250;
    expect(msUntilNextChange(computeIdleState(t0, inWarning, config), inWarning)).toBe(750);
    const onBoundary = t0 + minutes(14);
    expect(msUntilNextChange(computeIdleState(t0, onBoundary, config), onBoundary)).toBe(1000);
    const end = t0 + minutes(15);
    expect(msUntilNextChange(computeIdleState(t0, end, config), end)).toBeNull();
  });

  it("derives the last activity from the server's idleExpiresAt", () => {
    const expires = new Date(t0 + minutes(15)).toISOString();
    expect(lastActivityFromExpiry(expires, config, 42)).toBe(t0);
    expect(lastActivityFromExpiry(undefined, config, 42)).toBe(42);
    expect(lastActivityFromExpiry("not a date", config, 42)).toBe(42);
  });

  it("formats the countdown as m:ss", () => {
    expect(formatCountdown(120)).toBe("2:00");
    expect(formatCountdown(65)).toBe("1:05");
    expect(formatCountdown(9)).toBe("0:09");
    expect(formatCountdown(-3)).toBe("0:00");
  });
});
