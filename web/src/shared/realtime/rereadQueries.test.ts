import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { rereadQueries } from "./rereadQueries";

/** A query function whose reads the test answers one by one, each with what the server holds when it is answered. */
function gatedReads() {
  const pending: (() => void)[] = [];
  let server = ["a"];
  let reads = 0;
  const queryFn = () =>
    new Promise<string[]>((resolve) => {
      reads += 1;
      const seenAtStart = [...server]; // what a read that left now sees
      pending.push(() => resolve(seenAtStart));
    });
  return {
    queryFn,
    reads: () => reads,
    change: (items: string[]) => (server = items),
    answerNext: async () => {
      pending.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

describe("rereadQueries", () => {
  it("reads a query again after a first read that left before the change, where invalidateQueries alone joins that read", async () => {
    for (const useHelper of [false, true]) {
      const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
      const gate = gatedReads();
      const observer = new QueryObserver(client, { queryKey: ["list"], queryFn: gate.queryFn });
      const unsubscribe = observer.subscribe(() => undefined);
      expect(gate.reads()).toBe(1); // the first read is in flight

      gate.change(["a", "b"]); // the change the push announces, after the first read left
      const done = useHelper ? rereadQueries(client, { queryKey: ["list"] }) : client.invalidateQueries({ queryKey: ["list"] });
      while (client.isFetching() > 0) await gate.answerNext();
      await done;

      if (useHelper) {
        expect(gate.reads()).toBe(2);
        expect(client.getQueryData(["list"])).toEqual(["a", "b"]);
      } else {
        // TanStack Query's own behaviour, which is why the helper exists: the stale first read stands.
        expect(gate.reads()).toBe(1);
        expect(client.getQueryData(["list"])).toEqual(["a"]);
      }
      unsubscribe();
      client.clear();
    }
  });

  it("re-reads a query that has data once, cancelling its read in flight", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const gate = gatedReads();
    const observer = new QueryObserver(client, { queryKey: ["list"], queryFn: gate.queryFn });
    const unsubscribe = observer.subscribe(() => undefined);
    await gate.answerNext();
    expect(client.getQueryData(["list"])).toEqual(["a"]);

    gate.change(["a", "c"]);
    const done = rereadQueries(client, { queryKey: ["list"] });
    while (client.isFetching() > 0) await gate.answerNext();
    await done;
    expect(gate.reads()).toBe(2);
    expect(client.getQueryData(["list"])).toEqual(["a", "c"]);
    unsubscribe();
  });

  it("leaves other queries alone and resolves when a read fails", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let otherReads = 0;
    const other = new QueryObserver(client, { queryKey: ["other"], queryFn: async () => ++otherReads });
    const unsubscribeOther = other.subscribe(() => undefined);
    const failing = new QueryObserver(client, { queryKey: ["list"], queryFn: async () => Promise.reject(new Error("offline")) });
    const unsubscribe = failing.subscribe(() => undefined);
    await new Promise((r) => setTimeout(r, 0));

    await expect(rereadQueries(client, { queryKey: ["list"] })).resolves.toBeUndefined();
    expect(otherReads).toBe(1);
    expect(client.getQueryState(["list"])?.status).toBe("error");
    unsubscribe();
    unsubscribeOther();
  });
});
