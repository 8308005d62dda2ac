import { describe, expect, it } from "vitest";

/**
 * The kind this guards: a `<form>` without `noValidate` lets the browser show its own bubbles for
 * `required`, `min`, `max`, `pattern`, `type="email"`, … in the browser's language, not the app's,
 * announced unevenly by screen readers and gone on blur. Every form is `<Form>` (shared/ui/Form.tsx)
 * or a `<form noValidate>` that validates itself. ESLint says the same (no-restricted-syntax); this
 * reads the sources, so it holds even if the lint rule is loosened.
 */
const sources = import.meta.glob<string>(["../../**/*.tsx", "!../../**/*.test.tsx"], { query: "?raw", import: "default", eager: true });

/** Each `<form …>` opening tag in `source` (attribute values may hold `>` inside braces, as in `=>`). */
export function formOpeningTags(source: string): string[] {
  const tags: string[] = [];
  const re = /<form(?=[\s>/])/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    let depth = 0;
    let i = m.index + m[0].length;
    for (; i < source.length; i++) {
      const c = source[i];
      if (c === "{") depth++;
      else if (c === "}") depth--;
      else if (c === ">" && depth === 0) break;
    }
    tags.push(source.slice(m.index, i + 1));
  }
  return tags;
}

const lacksNoValidate = (tag: string) => !/\snoValidate(?=[\s/>])/.test(tag) || /\snoValidate=\{false\}/.test(tag);

describe("forms never fall back to the browser's validation bubbles", () => {
  it("finds the opening tags, arrows in handlers included", () => {
    const tags = formOpeningTags(`<form className="a" onSubmit={(e) => go(e)}>x</form><form noValidate onSubmit={() => 1}><formula/>`);
    expect(tags).toEqual([`<form className="a" onSubmit={(e) => go(e)}>`, `<form noValidate onSubmit={() => 1}>`]);
    expect(tags.map(lacksNoValidate)).toEqual([true, false]);
    expect(lacksNoValidate(`<form noValidate={false}>`)).toBe(true);
  });

  it("every <form> in the app is noValidate", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    const offenders = Object.entries(sources).flatMap(([path, source]) =>
      formOpeningTags(source)
        .filter(lacksNoValidate)
        .map((tag) => `${path}: ${tag.replace(/\s+/g, " ")}`),
    );
    expect(offenders).toEqual([]);
  });
});
