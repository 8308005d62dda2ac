import type { QueryClient, QueryKey, Updater } from "@tanstack/react-query";

/**
 * Sets one query's data from something the server just said (a hub push, a write's answer) so that a read of the same query
 * still on its way cannot undo it: that read may have left before the change and, landing afterwards, would put the old
 * value back with nothing left to correct it (the bell showed no unread notification after a push said one). The read is
 * cancelled first, as TanStack Query advises before setting data by hand; the query's next read (a re-read, polling) is
 * unaffected. `queryKey` is matched exactly.
 */
export async function setQueryDataFromServer<T>(queryClient: QueryClient, queryKey: QueryKey, updater: Updater<T | undefined, T | undefined>): Promise<void> {
  await queryClient.cancelQueries({ queryKey, exact: true });
  queryClient.setQueryData<T>(queryKey, updater);
}
