import { useMemo, useRef } from "react";
import { newIdempotencyKey } from "./scheduling";

/**
 * One Idempotency-Key per request content until the request succeeds (docs/api-v1.md, "Retrying a create"): sending the same
 * content again after an error or a lost answer reuses the key, so the server answers with what the first send created instead
 * of creating it twice; other content, or the next request after `done()`, gets a new key. `content` is any string that is equal
 * exactly when the requests are the same (e.g. JSON of the body, or a sorted list).
 */
export function useRequestKey() {
  const current = useRef<{ content: string; key: string } | null>(null);
  return useMemo(
    () => ({
      keyFor(content: string): string {
        if (current.current?.content !== content) current.current = { content, key: newIdempotencyKey() };
        return current.current.key;
      },
      done(): void {
        current.current = null;
      },
    }),
    [],
  );
}
