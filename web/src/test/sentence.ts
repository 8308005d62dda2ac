import type { MatcherFunction } from "@testing-library/react";

/**
 * Matches the innermost element whose whole text is `text`, across the `<bdi>` that isolates a user's
 * value inside a sentence (`getByText` alone only reads an element's own text nodes).
 */
export function sentence(text: string): MatcherFunction {
  return (_content, element) =>
    element?.textContent === text && !Array.from(element.children).some((child) => child.textContent === text);
}
