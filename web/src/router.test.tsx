import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { createMemoryRouter } from "react-router";
import { App } from "./App";
import { routes } from "./router";
import { createI18n } from "./shared/i18n/i18n";
import { mockApi } from "./test/mockApi";

describe("the first page of a visit (a deep link or a reload)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("loads the page's chunk behind a loading status, without React Router's 'No HydrateFallback' warning in the console", async () => {
    mockApi({});
    const warn = vi.spyOn(console, "warn");
    const error = vi.spyOn(console, "error");
    render(<App i18n={createI18n("en")} createRouter={() => createMemoryRouter(routes, { initialEntries: ["/sign-in"] })} />);
    expect(await screen.findByRole("button", { name: "Sign in" }, { timeout: 30_000 })).toBeInTheDocument();
    const said = [...warn.mock.calls, ...error.mock.calls].map((args) => args.map(String).join(" "));
    expect(said.filter((line) => line.includes("HydrateFallback"))).toEqual([]);
  }, 60_000);
});
