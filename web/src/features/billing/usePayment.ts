import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { isApiError } from "../../shared/api/errors";
import { billingApi, billingKeys, type PaymentView } from "./billingApi";

/**
 * The appointment's payment as the asking user may see it. A 404 (no payment yet, or none this user may see) is an answer, not
 * a failure: `missing` is then true and `error` stays empty. `put` stores a newer view the server answered elsewhere. `enabled`
 * false: the payment is not read (yet); the caller gets it another way and `put`s it.
 */
export function usePayment(appointmentId: string, { settling = false, enabled = true }: { settling?: boolean; enabled?: boolean } = {}) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: billingKeys.payment(appointmentId),
    queryFn: () => billingApi.payment(appointmentId),
    enabled,
    retry: false,
    // The visit ended or was cancelled: the server settles its payment just after (an event), so it is read again for a while.
    refetchInterval: (q) => (settling && awaitsSettlement(q.state.data) && q.state.dataUpdateCount < SETTLE_READS ? SETTLE_INTERVAL_MS : false),
  });
  const missing = isApiError(query.error) && query.error.status === 404;
  const reads = queryClient.getQueryState(billingKeys.payment(appointmentId))?.dataUpdateCount ?? 0;
  const awaiting = settling && awaitsSettlement(query.data) && reads < SETTLE_READS;
  const put = useCallback((payment: PaymentView) => queryClient.setQueryData(billingKeys.payment(appointmentId), payment), [queryClient, appointmentId]);
  return { query, payment: query.data, missing, error: missing ? null : query.error, put, awaitingSettlement: awaiting };
}

const SETTLE_INTERVAL_MS = 2000;
const SETTLE_READS = 15;
const UNSETTLED = new Set(["awaitingPayment", "requiresAction", "authorised"]);

/** A payment still open (nothing settled) although its visit is over or cancelled: its settlement is on the way. */
export function awaitsSettlement(payment: PaymentView | undefined): boolean {
  return payment !== undefined && UNSETTLED.has(payment.status);
}

/** Tells the billing feature an appointment changed (cancelled, rescheduled, done): its payment is read again. */
export function paymentMayHaveChanged(queryClient: QueryClient, appointmentId: string): void {
  void queryClient.invalidateQueries({ queryKey: billingKeys.payment(appointmentId) });
  void queryClient.invalidateQueries({ queryKey: billingKeys.paymentStatusesAll });
}
