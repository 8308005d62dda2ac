import { describe, expect, it } from "vitest";
import contract from "./responseContract.ts?raw";

/** The API modules' sources: each feature's *Api.ts and the shared API clients. */
const apiModules = {
  ...import.meta.glob<string>("../features/*/*Api.ts", { query: "?raw", import: "default", eager: true }),
  ...import.meta.glob<string>(["../shared/api/*.ts", "!../shared/api/*.test.ts"], { query: "?raw", import: "default", eager: true }),
};

/** Named types responses are read into: api.get<X>, api.post<X[]>, api.get<Paged<X>>, apiFetch<X>. */
export function responseTypeNames(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/(?:api\.(?:get|post|put|del)|apiFetch)<\s*(?:Paged<\s*)?([A-Z]\w*)/g)) {
    if (match[1] !== "T") names.add(match[1]!);
  }
  return [...names];
}

describe("the response contract", () => {
  it("finds named response types in API calls", () => {
    expect(responseTypeNames('api.get<Paged<DoctorCard>>("/doctors"); api.post<Appointment[]>(x); apiFetch<T>(p); api.post<{ id: string }>(y)')).toEqual([
      "DoctorCard",
      "Appointment",
    ]);
  });

  it("maps every named type the web app reads a response into to an OpenAPI schema", () => {
    const mapped = new Set([...contract.matchAll(/^ {2}(\w+): \[/gm)].map((m) => m[1]!));
    expect(Object.keys(apiModules).length).toBeGreaterThan(8);
    const unmapped = Object.entries(apiModules).flatMap(([file, source]) =>
      responseTypeNames(source)
        .filter((name) => !mapped.has(name))
        .map((name) => `${name} (${file})`),
    );
    expect(unmapped).toEqual([]);
  });
});
