import { describe, expect, it, vi } from "vitest";
import { shouldReport, trackUserActivity, USER_ACTIVITY_EVENTS } from "./userActivity";

describe("a person's activity", () => {
  it("is reported at most once per interval and never twice at once", () => {
    expect(shouldReport(60_000, 0, 30_000, false)).toBe(true);
    expect(shouldReport(29_999, 0, 30_000, false)).toBe(false);
    expect(shouldReport(60_000, 0, 30_000, true)).toBe(false);
  });

  it("listens to pointer, key, touch, wheel and scroll, reports the first action and throttles the rest", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(100_000);
    const target = new EventTarget() as unknown as Window;
    const report = vi.fn(() => Promise.resolve());
    const stop = trackUserActivity({ report, target, minIntervalMs: 30_000, lastReportedAt: () => 0 });
    expect(USER_ACTIVITY_EVENTS).toEqual(expect.arrayContaining(["pointerdown", "keydown", "touchstart", "scroll"]));

    target.dispatchEvent(new Event("keydown"));
    target.dispatchEvent(new Event("scroll"));
    expect(report).toHaveBeenCalledTimes(1);
    await new Promise((r) => setTimeout(r, 0)); // the report settles

    vi.setSystemTime(131_000);
    target.dispatchEvent(new Event("pointerdown"));
    expect(report).toHaveBeenCalledTimes(2);

    stop();
    vi.setSystemTime(200_000);
    target.dispatchEvent(new Event("touchstart"));
    expect(report).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });

  it("ignores actions while paused (the idle warning asks for an explicit choice)", () => {
    const target = new EventTarget() as unknown as Window;
    const report = vi.fn(() => Promise.resolve());
    const stop = trackUserActivity({ report, target, isPaused: () => true });
    target.dispatchEvent(new Event("keydown"));
    expect(report).not.toHaveBeenCalled();
    stop();
  });

  it("is not reported again within the interval after the server counted activity (e.g. sign-in)", () => {
    const target = new EventTarget() as unknown as Window;
    const report = vi.fn(() => Promise.resolve());
    const stop = trackUserActivity({ report, target, lastReportedAt: () => Date.now() - 1000 });
    target.dispatchEvent(new Event("wheel"));
    expect(report).not.toHaveBeenCalled();
    stop();
  });
});
