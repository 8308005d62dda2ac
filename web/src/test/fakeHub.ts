import type { HubLike } from "../shared/realtime/hubConnection";

/** A fake SignalR connection the test drives (the shape of shared/realtime HubLike). */
export class FakeHub implements HubLike {
  handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  invocations: [string, ...unknown[]][] = [];
  /** Answers for invoke by method name (a function gets the arguments; throwing rejects). */
  answers: Record<string, (...args: unknown[]) => unknown> = {};
  reconnecting?: () => void;
  reconnected?: () => void;
  closed?: (error?: Error) => void;
  started = 0;
  stopped = 0;
  /** How many of the next starts fail (as a start does when offline). */
  failingStarts = 0;
  async start() {
    this.started += 1;
    if (this.failingStarts > 0) {
      this.failingStarts -= 1;
      throw new Error("Failed to start the connection");
    }
  }
  async stop() {
    this.stopped += 1;
  }
  async invoke(method: string, ...args: unknown[]) {
    this.invocations.push([method, ...args]);
    const answer = this.answers[method];
    return answer ? answer(...args) : undefined;
  }
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }
  off(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, (this.handlers.get(event) ?? []).filter((h) => h !== handler));
  }
  onreconnecting(callback: () => void) {
    this.reconnecting = callback;
  }
  onreconnected(callback: () => void) {
    this.reconnected = callback;
  }
  onclose(callback: (error?: Error) => void) {
    this.closed = callback;
  }
  emit(event: string, payload?: unknown) {
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
  }
  calls(method: string) {
    return this.invocations.filter(([m]) => m === method);
  }
}
