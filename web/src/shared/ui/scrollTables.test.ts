import { describe, expect, it } from "vitest";

/**
 * The kind this guards: a table in a sideways-scrolling wrapper (`table-wrap`, `table-scroll`) that a keyboard cannot reach,
 * so on a phone its right-hand columns cannot be scrolled into view without a mouse (axe scrollable-region-focusable, found
 * on the admin's payments page). Every such wrapper is a named region in the tab order:
 * `role="region"`, `aria-label` or `aria-labelledby`, and `tabIndex={0}`. This reads the sources.
 */
const sources = import.meta.glob<string>(["../../**/*.tsx", "!../../**/*.test.tsx"], { query: "?raw", import: "default", eager: true });

/** The opening tags of the elements whose className holds `table-wrap` or `table-scroll`. */
export function scrollWrapperTags(source: string): string[] {
  const tags: string[] = [];
  const re = /<div\b/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    let depth = 0;
    let i = m.index + m[0].length;
    for (; i < source.length; i++) {
      const c = source[i];
      if (c === "{") depth++;
      else if (c === "}") depth--;
      else if (c === ">" && depth === 0) break;
    }
    const tag = source.slice(m.index, i + 1);
    if (/className="[^"]*\btable-(wrap|scroll)\b/.test(tag)) tags.push(tag);
  }
  return tags;
}

const reachable = (tag: string) => /\srole="region"/.test(tag) && /\saria-label(ledby)?=/.test(tag) && /\stabIndex=\{0\}/.test(tag);

describe("scrolling tables can be scrolled with a keyboard", () => {
  it("reads the wrappers' opening tags", () => {
    const tags = scrollWrapperTags(`<div className="table-wrap">a</div><div className="x" onClick={() => f()}>b</div><div className="table-scroll" role="region" aria-label={t("k")} tabIndex={0}>`);
    expect(tags.map(reachable)).toEqual([false, true]);
  });

  it("every table-wrap / table-scroll in the app is a named, focusable region", () => {
    const offenders = Object.entries(sources).flatMap(([file, source]) => scrollWrapperTags(source).filter((tag) => !reachable(tag)).map((tag) => `${file}: ${tag}`));
    expect(offenders).toEqual([]);
  });
});
