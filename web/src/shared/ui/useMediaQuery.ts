import { useSyncExternalStore } from "react";

/**
 * Phones and narrow windows: the width (CSS px, the same breakpoint as the stylesheets' `max-width: 640px` rules) under
 * which a page trades a wide grid for a narrower layout instead of making it scroll sideways inside its frame.
 */
export const NARROW_SCREEN = "(max-width: 640px)";

/**
 * Whether a media query matches now, following changes (a window resized, a phone turned). False where the browser has no
 * `matchMedia` (tests, server rendering), so the wide layout is the default.
 */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window === "undefined" || typeof window.matchMedia !== "function") return () => {};
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia(query).matches,
    () => false,
  );
}
