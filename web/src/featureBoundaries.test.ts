import { featureDependencies } from "../featureBoundaries.js";

/** The feature folders that hold code, as Vite sees them. */
const featureFolders = [...new Set(Object.keys(import.meta.glob("./features/*/*.{ts,tsx}")).map((p) => p.split("/")[2]!))].sort();

/** Returns one cycle as a path of features, or undefined when the graph is acyclic. */
export function findCycle(graph: Record<string, string[]>): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "visiting") return [...path.slice(path.indexOf(node)), node];
    state.set(node, "visiting");
    path.push(node);
    for (const next of graph[node] ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of Object.keys(graph)) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("feature boundaries", () => {
  it("declare every feature folder, and only dependencies that exist", () => {
    const folders = featureFolders;
    expect(Object.keys(featureDependencies).sort()).toEqual(folders);
    for (const deps of Object.values(featureDependencies)) for (const d of deps) expect(folders).toContain(d);
  });

  it("form no cycle (calls and chat used to import each other)", () => {
    expect(findCycle(featureDependencies)).toBeUndefined();
  });

  it("finds a cycle when there is one", () => {
    expect(findCycle({ calls: ["chat"], chat: ["calls"] })).toEqual(["calls", "chat", "calls"]);
    expect(findCycle({ a: ["b"], b: ["c"], c: [] })).toBeUndefined();
  });
});
