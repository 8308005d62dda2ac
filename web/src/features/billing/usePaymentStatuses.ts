import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { PAYMENT_STATUSES_MAX, billingApi, billingKeys, type PaymentStatusView } from "./billingApi";

/**
 * The payment statuses of a page of appointments (the front desk's day) in one request, rather than one
 * GET /appointments/{id}/payment per row that answers 404 for every visit without a payment. `statuses` maps an
 * appointment id to its status; an appointment without a payment (or not yet read) is absent. More ids than the server
 * takes at once are asked in chunks of {@link PAYMENT_STATUSES_MAX}.
 */
export function usePaymentStatuses(appointmentIds: readonly string[]) {
  // Sorted and unique: the same rows in another order (a re-sort, a live update) are the same query.
  const ids = useMemo(() => [...new Set(appointmentIds)].sort(), [appointmentIds]);
  const query = useQuery({
    queryKey: billingKeys.paymentStatuses(ids),
    queryFn: async () => (await Promise.all(chunks(ids, PAYMENT_STATUSES_MAX).map((chunk) => billingApi.paymentStatuses(chunk)))).flat(),
    enabled: ids.length > 0,
    // A live update that adds a row keeps the badges already shown until the new answer comes.
    placeholderData: keepPreviousData,
  });
  const statuses = useMemo(() => toMap(query.data), [query.data]);
  return { query, statuses };
}

function toMap(views: PaymentStatusView[] | undefined): ReadonlyMap<string, string> {
  return new Map((views ?? []).map((v) => [v.appointmentId, v.status]));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
