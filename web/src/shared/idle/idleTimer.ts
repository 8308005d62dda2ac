/**
 * Pure idle-timeout rules. The server ends a session after `timeoutSeconds` without activity;
 * the UI warns `warningSeconds` before that. All times are epoch milliseconds from Date.now().
 */
export interface IdleConfig {
  timeoutSeconds: number;
  warningSeconds: number;
}

export type IdlePhase = "active" | "warning" | "expired";

export interface IdleState {
  phase: IdlePhase;
  /** Whole seconds until the session ends (rounded up, never below 0). */
  secondsLeft: number;
  /** When the warning starts and when the session ends, for the given last activity. */
  warnAt: number;
  expiresAt: number;
}

export function idleDeadlines(lastActivityAt: number, config: IdleConfig): { warnAt: number; expiresAt: number } {
  const timeoutMs = Math.max(0, config.timeoutSeconds) * 1000;
  const warningMs = Math.min(Math.max(0, config.warningSeconds) * 1000, timeoutMs);
  const expiresAt = lastActivityAt + timeoutMs;
  return { warnAt: expiresAt - warningMs, expiresAt };
}

export function computeIdleState(lastActivityAt: number, now: number, config: IdleConfig): IdleState {
  const { warnAt, expiresAt } = idleDeadlines(lastActivityAt, config);
  const remainingMs = expiresAt - now;
  const secondsLeft = Math.max(0, Math.ceil(remainingMs / 1000));
  const phase: IdlePhase = remainingMs <= 0 ? "expired" : now >= warnAt ? "warning" : "active";
  return { phase, secondsLeft, warnAt, expiresAt };
}

/**
 * Milliseconds until the displayed state can next change: the warning start while active,
 * the next whole-second boundary of the countdown while warning, nothing once expired.
 */
export function msUntilNextChange(state: IdleState, now: number): number | null {
  if (state.phase === "expired") return null;
  if (state.phase === "active") return Math.max(0, state.warnAt - now);
  const remaining = state.expiresAt - now;
  const toNextSecond = remaining % 1000 === 0 ? 1000 : remaining % 1000;
  return Math.max(0, Math.min(toNextSecond, remaining));
}

/**
 * The server reports when the session would expire; the last activity it implies lets a reloaded
 * page resume the countdown where the server has it. Falls back when the value is missing or bad.
 */
export function lastActivityFromExpiry(
  idleExpiresAt: string | undefined | null,
  config: IdleConfig,
  fallback: number,
): number {
  if (!idleExpiresAt) return fallback;
  const expires = Date.parse(idleExpiresAt);
  if (Number.isNaN(expires)) return fallback;
  return expires - config.timeoutSeconds * 1000;
}

/** "1:05" for a countdown display. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(s / 60);
  const rest = s % 60;
  return `${minutes}:${rest.toString().padStart(2, "0")}`;
}
