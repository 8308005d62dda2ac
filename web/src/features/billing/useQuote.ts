import { useQuery } from "@tanstack/react-query";
import { billingApi, billingKeys } from "./billingApi";

/**
 * The server's price of a visit of `minutes` with a doctor at a clinic, cached per (doctor, clinic, minutes) for five minutes:
 * the browser never prices a visit itself, because only the server knows the qualification factor and the clinic's increment.
 * Disabled while any input is missing or minutes is not positive.
 */
export function useQuote(doctorId: string | undefined, clinicId: string | undefined, minutes: number) {
  const enabled = !!doctorId && !!clinicId && minutes > 0;
  return useQuery({
    queryKey: billingKeys.quote(doctorId ?? "", clinicId ?? "", minutes),
    queryFn: () => billingApi.quote(doctorId!, clinicId!, minutes),
    enabled,
    staleTime: 5 * 60_000,
    // A price that cannot be had is left out, not retried into a spinner.
    retry: false,
  });
}
