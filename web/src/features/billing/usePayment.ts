import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { isApiError } from "../../shared/api/errors";
import { billingApi, billingKeys, type PaymentView } from "./billingApi";

/**
 * The appointment's payment as the asking user may see it. A 404 (no payment yet, or none this user may see) is an answer, not
 * a failure: `missing` is then true and `error` stays empty. `put` stores a newer view the server answered elsewhere.
 */
export function usePayment(appointmentId: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: billingKeys.payment(appointmentId),
    queryFn: () => billingApi.payment(appointmentId),
    retry: false,
  });
  const missing = isApiError(query.error) && query.error.status === 404;
  const put = useCallback((payment: PaymentView) => queryClient.setQueryData(billingKeys.payment(appointmentId), payment), [queryClient, appointmentId]);
  return { query, payment: query.data, missing, error: missing ? null : query.error, put };
}

/** Tells the billing feature an appointment changed (cancelled, rescheduled, done): its payment is read again. */
export function paymentMayHaveChanged(queryClient: QueryClient, appointmentId: string): void {
  void queryClient.invalidateQueries({ queryKey: billingKeys.payment(appointmentId) });
}
