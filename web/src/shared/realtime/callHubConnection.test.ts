import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeHub } from "../../test/fakeHub";
import { json, mockApi } from "../../test/mockApi";
import { prefetchCallInfo, prewarmCallHub, takeCallInfo, takeWarmCallHub, WARM_CALL_HUB_MS } from "./callHubConnection";

/** A FakeHub whose start() the test settles. */
class SlowHub extends FakeHub {
  private settle: { resolve: () => void; reject: (e: unknown) => void } | null = null;
  override start() {
    this.started += 1;
    return new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }
  finishStart(ok = true) {
    if (ok) this.settle?.resolve();
    else this.settle?.reject(new Error("negotiate failed"));
  }
}

describe("a call hub connection opened ahead of the call page", () => {
  afterEach(() => {
    takeWarmCallHub();
    vi.useRealTimers();
  });

  it("is taken over by the page: its first start waits for the warm-up and does not start the connection again", async () => {
    const hub = new SlowHub();
    prewarmCallHub(() => hub);
    prewarmCallHub(() => new SlowHub()); // one at a time
    expect(hub.started).toBe(1);

    const taken = takeWarmCallHub()!;
    expect(takeWarmCallHub()).toBeNull();
    let started = false;
    void taken.start().then(() => (started = true));
    await Promise.resolve();
    expect(started).toBe(false);
    hub.finishStart();
    await vi.waitFor(() => expect(started).toBe(true));
    expect(hub.started).toBe(1);

    await taken.invoke("JoinCall", "k1", "tok");
    expect(hub.calls("JoinCall")).toEqual([["JoinCall", "k1", "tok"]]);
    // Later starts (the page's restarts after a cut) are the connection's own.
    const restart = taken.start();
    expect(hub.started).toBe(2);
    hub.finishStart();
    await restart;
  });

  it("starts again on the page's first start when the warm-up failed after being taken", async () => {
    const hub = new SlowHub();
    prewarmCallHub(() => hub);
    const taken = takeWarmCallHub()!;
    hub.finishStart(false);
    const second = taken.start();
    await vi.waitFor(() => expect(hub.started).toBe(2));
    hub.finishStart();
    await expect(second).resolves.toBeUndefined();
  });

  it("is not offered once its warm-up failed or it closed: the page opens its own", async () => {
    const failed = new SlowHub();
    prewarmCallHub(() => failed);
    failed.finishStart(false);
    await vi.waitFor(() => expect(takeWarmCallHub()).toBeNull());

    const closed = new SlowHub();
    prewarmCallHub(() => closed);
    closed.closed?.(new Error("gone"));
    expect(takeWarmCallHub()).toBeNull();
  });

  it("never fails the click that asked for it: a connection that cannot even be created is simply not there", () => {
    prewarmCallHub(() => {
      throw new Error("Cannot resolve '/hubs/call'.");
    });
    expect(takeWarmCallHub()).toBeNull();
  });

  it("is closed when no page takes it in time", () => {
    vi.useFakeTimers();
    const hub = new SlowHub();
    prewarmCallHub(() => hub);
    vi.advanceTimersByTime(WARM_CALL_HUB_MS - 1);
    expect(hub.stopped).toBe(0);
    vi.advanceTimersByTime(1);
    expect(hub.stopped).toBe(1);
    expect(takeWarmCallHub()).toBeNull();
  });
});

describe("GET /call asked before the call page", () => {
  afterEach(() => {
    takeCallInfo("");
    vi.useRealTimers();
  });

  it("is asked once per consultation and handed to that consultation's page once", async () => {
    const api = mockApi({ "GET /consultations/k1/call": () => json(200, { callToken: "tok-1", role: "caller" }) });
    prefetchCallInfo("k1");
    prefetchCallInfo("k1"); // the event and the effect both open the call
    expect(api.callsTo("GET", "/consultations/k1/call")).toHaveLength(1);

    expect(takeCallInfo("k2")).toBeNull(); // another consultation's page: not this answer (and it is gone)
    prefetchCallInfo("k1");
    await expect(takeCallInfo("k1")).resolves.toEqual({ callToken: "tok-1", role: "caller" });
    expect(takeCallInfo("k1")).toBeNull();
  });

  it("is not used once older than the warm-up window", () => {
    vi.useFakeTimers();
    mockApi({ "GET /consultations/k1/call": () => json(200, { callToken: "tok-1" }) });
    prefetchCallInfo("k1");
    vi.advanceTimersByTime(WARM_CALL_HUB_MS + 1);
    expect(takeCallInfo("k1")).toBeNull();
  });
});
