import { api, apiFetch, buildUrl } from "../../shared/api/client";
import type { Money, Paged } from "../../shared/api/types";

/**
 * GET /billing/quote: what a visit of `minutes` with a doctor at a clinic costs, as the server prices it (the doctor's hourly
 * rate × the qualification factor, rounded up to the clinic's increment, never under its minimum charge). Amounts in minor units.
 */
export interface QuoteView {
  amount: Money;
  minutes: number;
  qualificationFactor: number;
  incrementMinutes: number;
  hourlyRate: Money;
}

/** A payment's state (docs/billing.md): a card is accepted in awaitingPayment, requiresAction and unpaid. */
export type PaymentStatus =
  | "awaitingPayment"
  | "requiresAction"
  | "authorised"
  | "captured"
  | "partiallyRefunded"
  | "refunded"
  | "released"
  | "unpaid";

/** Why a payment ended as it did. */
export type Settlement =
  | "visit"
  | "lateCancellationFee"
  | "noShowFee"
  | "cancelledInTime"
  | "cancelledByClinic"
  | "doctorAbsent"
  | "technicalFailure"
  | "patientLeft"
  | "emergencyAdvised"
  | "refundedByAdmin";

/**
 * One refund of a payment, from its ledger: the amount in minor units, why (a settlement reason: "refundedByAdmin" for an
 * administrator's refund, or the clinic's automatic one such as "doctorAbsent") and when it was recorded (a UTC instant).
 */
export interface RefundView {
  amount: Money;
  reason: Settlement | string;
  at: string;
}

/**
 * A visit's payment. Money in minor units; createdAt (when it was made, at booking) and updatedAt UTC instants. `settlement` says what the money was taken for once charged
 * (the visit, a fee; it stays so after refunds) or why nothing was; `refunds` lists each refund with its reason, oldest first. The payer also gets gateway ("sandbox" | "stripe", set once
 * paying started), clientSecret (while a card is accepted), publishableKey (Stripe) and the card's brand and last four digits;
 * front desk and admins get none of those (null).
 */
export interface PaymentView {
  id: string;
  appointmentId: string;
  status: PaymentStatus | string;
  quote: Money;
  quotedMinutes: number;
  authorised: Money;
  captured: Money;
  refunded: Money;
  refunds: RefundView[];
  amountDue: Money;
  /** What a late cancellation by the patient (or a no-show) costs under this payment's rules; 0 when the clinic charges no fee. */
  lateCancellationFee: Money;
  billedMinutes: number | null;
  settlement: Settlement | string | null;
  declineCode: string | null;
  createdAt: string;
  updatedAt: string;
  gateway?: string | null;
  clientSecret?: string | null;
  publishableKey?: string | null;
  cardBrand?: string | null;
  cardLast4?: string | null;
}

/** One appointment's payment status (GET /payments/statuses); appointments without a payment are not listed. */
export interface PaymentStatusView {
  appointmentId: string;
  status: PaymentStatus | string;
}

/** The most appointments one GET /payments/statuses may ask about (the server's limit, docs/billing.md); more are asked in chunks. */
export const PAYMENT_STATUSES_MAX = 100;

/** The sandbox gateway's answer to a card: Stripe's PaymentIntent states; declineCode when it was refused. */
export interface SandboxConfirmation {
  status: "requires_capture" | "requires_action" | "requires_payment_method" | string;
  declineCode: string | null;
}

/** A card as typed for the sandbox gateway (only its test numbers are accepted). */
export interface SandboxCard {
  cardNumber: string;
  expiryMonth: number;
  expiryYear: number;
  cvc: string;
}

/** One currency's totals over the reconciliation period, in minor units; `payments` counts the payments involved. */
export interface ReconciliationLine {
  currency: string;
  capturedMinor: number;
  refundedMinor: number;
  releasedMinor: number;
  heldMinor: number;
  dueMinor: number;
  payments: number;
}

/** A clinic's pricing rules: factors multiply the doctor's hourly rate per qualification category; the fee is a percent of the quote. */
export interface ClinicBillingRulesView {
  incrementMinutes: number;
  minimumChargeMinor: number;
  factorNone: number;
  factorSecond: number;
  factorFirst: number;
  factorHighest: number;
  lateCancellationFeePercent: number;
}

/** The admin's payment list filter. */
export interface PaymentFilter {
  clinicId?: string;
  status?: string;
  page?: number;
}

/** Where an insurance claim stands (docs/billing.md, "Insurance claims"). */
export type ClaimStatus = "draft" | "submitted" | "accepted" | "rejected" | "paid";

/**
 * An insurance claim as the clinic's administrator sees it: the visit's ids, the insurer and policy number (PHI), the claimed amount
 * in minor units of `currency`, the service date (the visit's start, a UTC instant), the status and the last note; updatedAt a UTC
 * instant.
 */
export interface ClaimView {
  id: string;
  paymentId: string;
  appointmentId: string;
  patientId: string;
  clinicId: string;
  insurer: string;
  policyNumber: string;
  amountMinor: number | string;
  currency: string;
  serviceDate: string;
  status: ClaimStatus | string;
  note: string | null;
  updatedAt: string;
}

/**
 * The admin's claim list filter: a clinic, a status and a period of service dates [from, to) as UTC instants (both or neither; the
 * export's period rules, docs/billing.md). Typed by hand: the generated contract types describe bodies, not query strings.
 */
export interface ClaimFilter {
  clinicId?: string;
  status?: string;
  from?: string;
  to?: string;
  page?: number;
}

/** The claims export: service dates in [from, to) as UTC instants, of one clinic or all, of one status or all. */
export interface ClaimExportFilter {
  from: string;
  to: string;
  clinicId?: string;
  status?: string;
}

/** The billing calls (docs/billing.md). */
export const billingApi = {
  quote: (doctorId: string, clinicId: string, minutes: number) => api.get<QuoteView>("/billing/quote", { doctorId, clinicId, minutes }),
  payment: (appointmentId: string) => api.get<PaymentView>(`/appointments/${encodeURIComponent(appointmentId)}/payment`),
  paymentStatuses: (appointmentIds: readonly string[]) => api.get<PaymentStatusView[]>("/payments/statuses", { appointmentId: appointmentIds }),
  startPayment: (appointmentId: string) => api.post<PaymentView>(`/appointments/${encodeURIComponent(appointmentId)}/payment`),
  sync: (paymentId: string) => api.post<PaymentView>(`/payments/${encodeURIComponent(paymentId)}/sync`),
  sandboxConfirm: (clientSecret: string, card: SandboxCard) => api.post<SandboxConfirmation>("/billing/sandbox/confirm", { clientSecret, ...card }),
  sandboxAuthenticate: (clientSecret: string, approved: boolean) =>
    api.post<SandboxConfirmation>("/billing/sandbox/authenticate", { clientSecret, approved }),
  adminPayments: (filter: PaymentFilter) => api.get<Paged<PaymentView>>("/admin/payments", { ...filter }),
  /** One refund per `idempotencyKey`: a retry with the same key (a lost answer, a second click) answers the refund already made. */
  refund: (paymentId: string, amountMinor: number, reason: string, idempotencyKey: string) =>
    apiFetch<PaymentView>(`/admin/payments/${encodeURIComponent(paymentId)}/refund`, {
      method: "POST",
      body: { amountMinor, reason },
      headers: { "Idempotency-Key": idempotencyKey },
    }),
  reconciliation: (clinicId: string | undefined, from: string, to: string) =>
    api.get<ReconciliationLine[]>("/admin/billing/reconciliation", { clinicId, from, to }),
  claims: (filter: ClaimFilter) => api.get<Paged<ClaimView>>("/admin/claims", { ...filter }),
  changeClaimStatus: (claimId: string, status: ClaimStatus, note: string | null) =>
    api.post<ClaimView>(`/admin/claims/${encodeURIComponent(claimId)}/status`, { status, note }),
  rules: (clinicId: string) => api.get<ClinicBillingRulesView>(`/admin/clinics/${encodeURIComponent(clinicId)}/billing-rules`),
  saveRules: (clinicId: string, rules: ClinicBillingRulesView) =>
    api.put<ClinicBillingRulesView>(`/admin/clinics/${encodeURIComponent(clinicId)}/billing-rules`, rules),
};

/** The public URL of a payment's receipt (PDF). */
/** The receipt PDF in the app's language (a plain link carries the browser's languages, not the app's). */
export function receiptUrl(paymentId: string, language: string): string {
  return `/api/v1/payments/${encodeURIComponent(paymentId)}/receipt?language=${encodeURIComponent(language)}`;
}

/** A claim as a FHIR R4 Claim (JSON); a plain link works because the session cookie authenticates it. */
export function claimFhirUrl(claimId: string): string {
  return buildUrl(`/admin/claims/${encodeURIComponent(claimId)}/fhir`);
}

/** The claims of a period (by service date) as CSV; a plain link, like the receipt. */
export function claimsExportUrl(filter: ClaimExportFilter): string {
  return buildUrl("/admin/claims/export", { from: filter.from, to: filter.to, clinicId: filter.clinicId, status: filter.status });
}

/** Query keys of the billing feature. */
export const billingKeys = {
  quote: (doctorId: string, clinicId: string, minutes: number) => ["billing", "quote", doctorId, clinicId, minutes] as const,
  payment: (appointmentId: string) => ["billing", "payment", appointmentId] as const,
  /** Every page's statuses query starts with this, so one invalidation reaches them all. */
  paymentStatusesAll: ["billing", "payment-statuses"] as const,
  paymentStatuses: (appointmentIds: readonly string[]) => ["billing", "payment-statuses", appointmentIds] as const,
  adminPayments: (filter: PaymentFilter) => ["billing", "admin-payments", filter] as const,
  reconciliation: (clinicId: string | undefined, from: string, to: string) => ["billing", "reconciliation", clinicId ?? "", from, to] as const,
  rules: (clinicId: string) => ["billing", "rules", clinicId] as const,
  claims: (filter: ClaimFilter) => ["billing", "claims", filter] as const,
};
