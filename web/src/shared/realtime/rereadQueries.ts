import type { QueryClient, QueryFilters } from "@tanstack/react-query";

/**
 * Reads the matching queries again because the server says something changed (a hub push, a watch in place after
 * connecting or reconnecting, the language switched). Use this rather than a bare `invalidateQueries` or `refetch()`
 * whenever the reason is a change on the server.
 *
 * Why: TanStack Query joins a query's *first* read when it is still in flight instead of starting another (it only
 * cancels and restarts a read when the query already has data). That first read may have left before the change, so
 * the page would keep data without it — the bell counting a notification the list does not show. Here such a read is
 * awaited and then read once more; a query with data is re-read as usual (its stale read cancelled). Errors are left
 * to each query's own state; the returned promise never rejects.
 */
export async function rereadQueries(queryClient: QueryClient, filters: QueryFilters): Promise<void> {
  const firstReadsInFlight = queryClient
    .getQueryCache()
    .findAll(filters)
    .filter((query) => query.state.data === undefined && query.state.fetchStatus === "fetching");
  await queryClient.invalidateQueries(filters).catch(() => undefined);
  if (firstReadsInFlight.length === 0) return;
  await queryClient.invalidateQueries({ predicate: (query) => firstReadsInFlight.includes(query) }).catch(() => undefined);
}
