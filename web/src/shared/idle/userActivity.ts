/**
 * A person's actions are the only activity that keeps a session alive: pointer, key, touch, wheel
 * and scroll events. Background refreshes and hub traffic are not activity (the API client marks
 * them as background, so the server does not extend the session for them either).
 *
 * The server learns of the person's activity through a touch (POST /auth/touch), at most once per
 * `minIntervalMs`: the server's idle expiry then trails the last action by at most that interval,
 * and the app's countdown follows the server (it counts from the last successful touch).
 */
export const USER_ACTIVITY_EVENTS = ["pointerdown", "pointermove", "keydown", "touchstart", "wheel", "scroll"] as const;

export interface UserActivityOptions {
  /** Tells the server; resolves when it has counted the activity. */
  report: () => Promise<unknown>;
  /** Milliseconds between two reports at most once (default 30 s). */
  minIntervalMs?: number;
  /** While true (e.g. the idle warning is open, where only "Stay signed in" counts), actions are ignored. */
  isPaused?: () => boolean;
  /** Epoch ms of the last time the server counted activity (sign-in, a touch). */
  lastReportedAt?: () => number;
  target?: Pick<Window, "addEventListener" | "removeEventListener">;
}

/** Whether an action at `now` should be reported, given the last report and one that may be in flight. */
export function shouldReport(now: number, lastReportedAt: number, minIntervalMs: number, inFlight: boolean): boolean {
  return !inFlight && now - lastReportedAt >= minIntervalMs;
}

/** Starts listening for a person's actions; returns the function that stops it. */
export function trackUserActivity(options: UserActivityOptions): () => void {
  const target = options.target ?? window;
  const minInterval = options.minIntervalMs ?? 30_000;
  let inFlight = false;
  let reportedAt = -Infinity;

  const onAction = () => {
    if (options.isPaused?.()) return;
    const now = Date.now();
    const last = Math.max(reportedAt, options.lastReportedAt?.() ?? -Infinity);
    if (!shouldReport(now, last, minInterval, inFlight)) return;
    inFlight = true;
    reportedAt = now;
    options
      .report()
      .catch(() => {
        // A 401 is handled as an ended session by the API client; a network error is tried on the next action.
        reportedAt = -Infinity;
      })
      .finally(() => {
        inFlight = false;
      });
  };

  const listenerOptions: AddEventListenerOptions = { capture: true, passive: true };
  for (const type of USER_ACTIVITY_EVENTS) target.addEventListener(type, onAction, listenerOptions);
  return () => {
    for (const type of USER_ACTIVITY_EVENTS) target.removeEventListener(type, onAction, listenerOptions);
  };
}
