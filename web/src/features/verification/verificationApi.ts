import { api } from "../../shared/api/client";

/** GET /public/prescriptions/{code}: PublicPrescriptionVerification (no sign-in; the patient appears as initials and birth year). */
export interface PublicPrescriptionVerification {
  valid: boolean;
  status: string;
  signatureValid: boolean;
  issuedAt: string;
  validUntil: string;
  medicineName: string;
  form: string;
  strength: string;
  quantity: number;
  quantityUnit: string;
  refills: number;
  patientInitials: string;
  patientBirthYear: number;
  prescriberName: string;
  clinicName: string;
  dispensing: string;
  /** The count with its unit in the reader's language and plural form ("21 капсула"). */
  quantityText: string;
}

/** The public verification of documents reached through their QR codes. */
export const verificationApi = {
  prescription: (code: string) => api.get<PublicPrescriptionVerification>(`/public/prescriptions/${encodeURIComponent(code)}`),
};

export const verificationKeys = {
  prescription: (code: string) => ["public", "prescriptions", code] as const,
};
