import { HttpTransportType, HubConnection, HubConnectionState } from "@microsoft/signalr";
import { buildHubConnection, createHubConnection, resetHubTransportMemory, type HubLike, type HubTransport } from "./hubConnection";

type Options = { skipNegotiation?: boolean; transport?: HttpTransportType; withCredentials?: boolean };
const optionsOf = (hub: HubLike) => (hub as unknown as { connection: { _options: Options } }).connection._options;

// Absolute URLs: SignalR resolves a relative one against the page, which jsdom does not give it.
describe("buildHubConnection", () => {
  it("opens a SignalR connection to the hub's path, not yet started", () => {
    const connection = buildHubConnection("http://localhost/hubs/chat", "websocket");
    expect(connection).toBeInstanceOf(HubConnection);
    const hub = connection as unknown as HubConnection;
    expect(hub.baseUrl).toContain("/hubs/chat");
    expect(hub.state).toBe(HubConnectionState.Disconnected);
  });

  it("goes straight to a WebSocket, or negotiates first, with the session cookie either way", () => {
    const direct = optionsOf(buildHubConnection("http://localhost/hubs/chat", "websocket"));
    expect(direct).toMatchObject({ skipNegotiation: true, transport: HttpTransportType.WebSockets, withCredentials: true });

    const negotiated = optionsOf(buildHubConnection("http://localhost/hubs/chat", "negotiated"));
    expect(negotiated.skipNegotiation).toBeFalsy();
    expect(negotiated.transport).toBeUndefined();
    expect(negotiated.withCredentials).toBe(true);
  });

  it("reconnects with the given delays, or SignalR's default ones", () => {
    const custom = buildHubConnection("http://localhost/hubs/call", "websocket", { reconnectDelaysMs: [0, 1000, 5000] }) as unknown as { _reconnectPolicy?: { nextRetryDelayInMilliseconds(ctx: { previousRetryCount: number }): number | null } };
    const policy = custom._reconnectPolicy!;
    expect(policy.nextRetryDelayInMilliseconds({ previousRetryCount: 1 })).toBe(1000);
    expect(policy.nextRetryDelayInMilliseconds({ previousRetryCount: 3 })).toBeNull();

    const standard = buildHubConnection("http://localhost/hubs/front-desk", "negotiated") as unknown as { _reconnectPolicy?: unknown };
    expect(standard._reconnectPolicy).toBeDefined();
  });
});

/** A connection that records what was registered on it and starts as told. */
class FakeHub implements HubLike {
  handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  closes: ((error?: Error) => void)[] = [];
  reconnecting: ((error?: Error) => void)[] = [];
  reconnected: ((id?: string) => void)[] = [];
  invoked: unknown[][] = [];
  started = 0;
  stopped = 0;
  constructor(
    public transport: HubTransport,
    private readonly startWith: () => Promise<void>,
  ) {}
  start() {
    this.started++;
    return this.startWith();
  }
  stop() {
    this.stopped++;
    return Promise.resolve();
  }
  invoke(method: string, ...args: unknown[]) {
    this.invoked.push([method, ...args]);
    return Promise.resolve(undefined);
  }
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }
  off(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, (this.handlers.get(event) ?? []).filter((h) => h !== handler));
  }
  onreconnecting(callback: (error?: Error) => void) {
    this.reconnecting.push(callback);
  }
  onreconnected(callback: (id?: string) => void) {
    this.reconnected.push(callback);
  }
  onclose(callback: (error?: Error) => void) {
    this.closes.push(callback);
  }
  emit(event: string, ...args: unknown[]) {
    (this.handlers.get(event) ?? []).forEach((h) => h(...args));
  }
}

/** A builder whose connections start or fail as `outcome` says for their transport. */
function builder(outcome: Record<HubTransport, () => Promise<void>>) {
  const built: FakeHub[] = [];
  const build = (_url: string, transport: HubTransport) => {
    const hub = new FakeHub(transport, outcome[transport]);
    built.push(hub);
    return hub;
  };
  return { built, build };
}

const refused = () => Promise.reject(new Error("WebSocket failed to connect."));
const ok = () => Promise.resolve();

describe("createHubConnection", () => {
  beforeEach(() => resetHubTransportMemory());

  it("Given WebSockets work, when it starts, then one direct connection carries everything", async () => {
    const { built, build } = builder({ websocket: ok, negotiated: ok });
    const hub = createHubConnection("/hubs/chat", {}, build);
    const received: unknown[] = [];
    hub.on("messageReceived", (m) => received.push(m));

    await hub.start();
    await hub.invoke("JoinConversation", "c1");
    built[0].emit("messageReceived", "hello");

    expect(built.map((b) => b.transport)).toEqual(["websocket"]);
    expect(built[0].invoked).toEqual([["JoinConversation", "c1"]]);
    expect(received).toEqual(["hello"]);
  });

  it("Given a proxy refuses WebSockets, when it starts, then it negotiates and keeps every handler and callback", async () => {
    const { built, build } = builder({ websocket: refused, negotiated: ok });
    const hub = createHubConnection("/hubs/chat", {}, build);
    const received: unknown[] = [];
    const closed: unknown[] = [];
    hub.on("messageReceived", (m) => received.push(m));
    hub.onclose((e) => closed.push(e));
    hub.onreconnecting(() => undefined);
    hub.onreconnected(() => undefined);

    await hub.start();
    hub.on("typing", (t) => received.push(t));
    await hub.invoke("JoinConversation", "c1");
    const [direct, negotiated] = built;
    negotiated.emit("messageReceived", "hello");
    negotiated.emit("typing", "Dr Ada");
    negotiated.closes.forEach((c) => c(new Error("gone")));

    expect(built.map((b) => b.transport)).toEqual(["websocket", "negotiated"]);
    expect(direct.invoked).toEqual([]);
    expect(negotiated.invoked).toEqual([["JoinConversation", "c1"]]);
    expect(received).toEqual(["hello", "Dr Ada"]);
    expect(closed).toHaveLength(1);
    expect(negotiated.reconnecting).toHaveLength(1);
    expect(negotiated.reconnected).toHaveLength(1);
  });

  it("Given WebSockets were refused once, when the page opens another hub, then it negotiates at once", async () => {
    const first = builder({ websocket: refused, negotiated: ok });
    await createHubConnection("/hubs/chat", {}, first.build).start();

    const second = builder({ websocket: ok, negotiated: ok });
    await createHubConnection("/hubs/notifications", {}, second.build).start();

    expect(second.built.map((b) => b.transport)).toEqual(["negotiated"]);
  });

  it("Given the host is down, when both ways fail, then start fails and the next start tries the WebSocket again", async () => {
    let up = false;
    const { built, build } = builder({ websocket: () => (up ? ok() : refused()), negotiated: () => (up ? ok() : Promise.reject(new Error("Failed to fetch"))) });
    const hub = createHubConnection("/hubs/chat", {}, build);
    const received: unknown[] = [];
    hub.on("messageReceived", (m) => received.push(m));

    await expect(hub.start()).rejects.toThrow("Failed to fetch");
    up = true;
    await hub.start();
    built[built.length - 1].emit("messageReceived", "back");

    expect(built.map((b) => b.transport)).toEqual(["websocket", "negotiated", "websocket"]);
    expect(received).toEqual(["back"]);
    // Nothing said WebSockets were refused: another hub goes direct.
    const other = builder({ websocket: ok, negotiated: ok });
    await createHubConnection("/hubs/call", {}, other.build).start();
    expect(other.built.map((b) => b.transport)).toEqual(["websocket"]);
  });

  it("Given the page stops the hub while it starts, then it does not fall back", async () => {
    let fail: (e: Error) => void = () => undefined;
    const { built, build } = builder({ websocket: () => new Promise<void>((_, reject) => (fail = reject)), negotiated: ok });
    const hub = createHubConnection("/hubs/chat", {}, build);
    const starting = hub.start();
    await hub.stop();
    fail(new Error("The connection was stopped during negotiation."));

    await expect(starting).rejects.toThrow("stopped");
    expect(built.map((b) => b.transport)).toEqual(["websocket"]);
  });

  it("Given a handler is taken off, then the fallback connection does not get it", async () => {
    const { built, build } = builder({ websocket: refused, negotiated: ok });
    const hub = createHubConnection("/hubs/chat", {}, build);
    const handler = () => undefined;
    hub.on("messageReceived", handler);
    hub.off("messageReceived", handler);

    await hub.start();

    expect(built[1].handlers.get("messageReceived") ?? []).toHaveLength(0);
  });
});
