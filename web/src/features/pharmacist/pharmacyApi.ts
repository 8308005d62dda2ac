import { api, apiFetch } from "../../shared/api/client";

/** The pharmacist's own pharmacy (GET /pharmacist/pharmacy; docs/pharmacy.md). */
export interface MyPharmacy {
  id: string;
  name: string;
  address: string;
  city: string;
  phone: string;
  openingHours: string;
}

/**
 * A prescription at the counter: the patient only as initials and birth year; quantities in `quantityUnit`;
 * `dispensingStatus` null before anything happened; UTC ISO instants.
 */
export interface CounterPrescription {
  prescriptionId: string;
  verificationCode: string;
  clinicName: string;
  patientInitials: string;
  patientBirthYear: number;
  prescriberName: string;
  medicineName: string;
  activeIngredient: string;
  form: string;
  strength: string;
  route: string;
  dosageInstructions: string;
  quantity: number;
  quantityUnit: string;
  refills: number;
  issuedAt: string;
  validUntil: string;
  prescriptionStatus: "active" | "cancelled" | "expired" | string;
  signatureValid: boolean;
  signerCertificateSerial?: string | null;
  dispensingStatus?: "sent" | "partiallyDispensed" | "dispensed" | "declined" | null;
  quantityDispensed: number;
  quantityRemaining: number;
  /** The prescribed and remaining counts with their unit in the reader's language and plural form ("21 капсула", "5 капсул"). */
  quantityText: string;
  quantityRemainingText: string;
  sentToMyPharmacy: boolean;
  declineReason?: string | null;
  updatedAt?: string | null;
}

const rx = (id: string) => `/pharmacist/prescriptions/${encodeURIComponent(id)}`;

/** The pharmacist portal's calls; every refusal of a prescription is 404 `pharmacy.not_found`. */
export const pharmacyApi = {
  myPharmacy: () => api.get<MyPharmacy>("/pharmacist/pharmacy"),
  sentHere: () => api.get<CounterPrescription[]>("/pharmacist/prescriptions"),
  one: (id: string) => api.get<CounterPrescription>(rx(id)),
  /** A typed code or the whole scanned QR URL (…/verify/rx/{code}); the server reads the code out of it. */
  lookup: (code: string) => api.post<CounterPrescription>("/pharmacist/prescriptions/lookup", { code }),
  /** `idempotencyKey`: the same hand-over sent again with it (a lost answer) hands the medicine over once (docs/api-v1.md, "Retrying a create"). */
  dispense: (id: string, quantity: number, idempotencyKey: string, verificationCode?: string) =>
    apiFetch<CounterPrescription>(`${rx(id)}/dispense`, {
      method: "POST",
      body: { quantity, verificationCode: verificationCode ?? null },
      headers: { "Idempotency-Key": idempotencyKey },
    }),
  decline: (id: string, reason: string, verificationCode?: string) =>
    api.post<CounterPrescription>(`${rx(id)}/decline`, { reason, verificationCode: verificationCode ?? null }),
};

export const pharmacyKeys = {
  mine: ["pharmacist", "pharmacy"] as const,
  sentHere: ["pharmacist", "prescriptions"] as const,
};
