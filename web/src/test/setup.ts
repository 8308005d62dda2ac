import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, vi } from "vitest";
import { sessionState } from "../shared/api/activity";

// Pages are loaded lazily (their own chunk), and the machines running the tests are often busy:
// give findBy*/waitFor 4 seconds instead of 1.
configure({ asyncUtilTimeout: 4000 });

afterEach(() => {
  cleanup();
  sessionState.setSignedIn(false);
  vi.unstubAllGlobals();
  vi.useRealTimers();
  localStorage.clear();
  document.cookie.split(";").forEach((c) => {
    const name = c.split("=")[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
});
