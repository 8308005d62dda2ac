import { HubConnection, HubConnectionState } from "@microsoft/signalr";
import { createHubConnection } from "./hubConnection";

// Absolute URLs: SignalR resolves a relative one against the page, which jsdom does not give it.
describe("createHubConnection", () => {
  it("opens a SignalR connection to the hub's path, not yet started", () => {
    const connection = createHubConnection("http://localhost/hubs/chat");
    expect(connection).toBeInstanceOf(HubConnection);
    const hub = connection as unknown as HubConnection;
    expect(hub.baseUrl).toContain("/hubs/chat");
    expect(hub.state).toBe(HubConnectionState.Disconnected);
  });

  it("reconnects with the given delays, or SignalR's default ones", () => {
    const custom = createHubConnection("http://localhost/hubs/call", { reconnectDelaysMs: [0, 1000, 5000] }) as unknown as { _reconnectPolicy?: { nextRetryDelayInMilliseconds(ctx: { previousRetryCount: number }): number | null } };
    const policy = custom._reconnectPolicy!;
    expect(policy.nextRetryDelayInMilliseconds({ previousRetryCount: 1 })).toBe(1000);
    expect(policy.nextRetryDelayInMilliseconds({ previousRetryCount: 3 })).toBeNull();

    const standard = createHubConnection("http://localhost/hubs/front-desk") as unknown as { _reconnectPolicy?: unknown };
    expect(standard._reconnectPolicy).toBeDefined();
  });
});
