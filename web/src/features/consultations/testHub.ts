import { vi } from "vitest";
import type { LiveConnection } from "./waitingRoomHub";

/** A fake /hubs/waiting-room connection the tests drive (only imported by tests). */
export class FakeHubConnection implements LiveConnection {
  handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  invocations: [string, ...unknown[]][] = [];
  reconnected?: () => void;
  reconnecting?: () => void;
  start = vi.fn(async () => undefined);
  stop = vi.fn(async () => undefined);
  async invoke(method: string, ...args: unknown[]) {
    this.invocations.push([method, ...args]);
    return undefined;
  }
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }
  off(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, (this.handlers.get(event) ?? []).filter((h) => h !== handler));
  }
  onreconnecting(cb: () => void) {
    this.reconnecting = cb;
  }
  onreconnected(cb: () => void) {
    this.reconnected = cb;
  }
  onclose() {}
  emit(event: string, payload: unknown) {
    for (const h of this.handlers.get(event) ?? []) h(payload);
  }
}
