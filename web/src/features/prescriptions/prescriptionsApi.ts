import { api, apiFetch } from "../../shared/api/client";

/* Prescription and formulary endpoints (docs/clinical.md#prescriptions); FHIR MedicationRequest element names. */

export type FindingSeverity = "hard_stop" | "warning";

export interface PrescriptionFinding {
  code: string;
  severity: FindingSeverity;
  message: string;
  source: string;
}

export interface FormularyMatch {
  code: string;
  name: string;
  activeIngredient: string;
  activeIngredientRu: string;
  form: string;
  strength: string;
  doseUnit: string;
  dispenseUnit: string;
  route: string;
  minDailyDose?: number | null;
  maxDailyDose?: number | null;
  minimumAgeYears?: number | null;
  source: string;
  /** The name, route and units in the reader's language, for display (`route` goes back in the request as it is). */
  nameText: string;
  routeText: string;
  doseUnitText: string;
  dispenseUnitText: string;
}

export interface PrescriptionView {
  id: string;
  status: "draft" | "active" | "cancelled" | "expired";
  version: number;
  medication: { code: string; name: string; strength: string; doseUnit: string; dispenseUnit: string };
  /** The medicine in the reader's language ("Амоксициллин 500 мг, капсулы"); `medication` is the signed content as written. */
  medicineName: string;
  dosageText: string;
  findings: PrescriptionFinding[];
  /** `reasonCode` when the system recorded the reason for the prescriber (e.g. "refill"): worded in the reader's language. */
  overrides: { code: string; reason: string; reasonCode?: string | null }[];
  openFindings: PrescriptionFinding[];
  verificationCode?: string | null;
  validUntil?: string | null;
}

export interface PrescriptionInput {
  medicineCode: string;
  dose: number;
  route: string;
  timesPerDay: number;
  durationDays: number;
  quantity: number;
  refills: number;
  /** Always sent ("" for none): the API refuses a prescription body without it. */
  instructions: string;
}

const base = (consultationId: string) => `/consultations/${consultationId}/prescriptions`;

/** GET /me/prescriptions items: PatientPrescriptionView (signed prescriptions only; UTC instants). */
export interface PatientPrescriptionView {
  id: string;
  status: string;
  medicineName: string;
  strength: string;
  form: string;
  dosageText: string;
  quantity: number;
  /** The unit as a label word in the reader's language ("капсулы"). */
  quantityUnit: string;
  /** The count with its unit in the reader's language and plural form ("21 капсула", "21 capsules"). */
  quantityText: string;
  numberOfRepeatsAllowed: number;
  prescriberName: string;
  issuedAt: string;
  validUntil: string;
  verificationCode: string;
  /** "none" until sent to a pharmacy, then sent | partiallyDispensed | dispensed | declined. */
  dispensing: string;
  pharmacyName?: string | null;
  /** Whose prescription: the patient, and on a dependant's (a guardian's list) the child's display name; null on the reader's own. */
  patientId: string;
  patientName?: string | null;
}

export const prescriptionsKeys = {
  mine: ["prescriptions", "mine"] as const,
  list: (consultationId: string) => ["prescriptions", consultationId] as const,
  formulary: (q: string) => ["formulary", q] as const,
};

export const prescriptionsApi = {
  mine: () => api.get<PatientPrescriptionView[]>("/me/prescriptions"),
  /** A plain link: the session cookie authorises the download, and the browser saves the PDF. */
  /** The PDF in the app's language (a plain link carries the browser's languages, not the app's). */
  documentUrl: (id: string, language: string) => `/api/v1/prescriptions/${encodeURIComponent(id)}/document.pdf?language=${encodeURIComponent(language)}`,
  list: (consultationId: string) => api.get<PrescriptionView[]>(base(consultationId)),
  searchFormulary: (q: string) => api.get<FormularyMatch[]>("/clinical/formulary", { q }),
  /** One draft per `idempotencyKey`: the same input sent again with it (a lost answer, a retry after an error) answers the draft already written. */
  create: (consultationId: string, input: PrescriptionInput, idempotencyKey: string) =>
    apiFetch<PrescriptionView>(base(consultationId), { method: "POST", body: input, headers: { "Idempotency-Key": idempotencyKey } }),
  override: (consultationId: string, id: string, code: string, reason: string, version: number) =>
    api.post<PrescriptionView>(`${base(consultationId)}/${id}/overrides`, { code, reason, version }),
  sign: (consultationId: string, id: string, version: number) => api.post<PrescriptionView>(`${base(consultationId)}/${id}/sign`, { version }),
  /** Withdraws a draft or a signed prescription (a pharmacy then must not dispense it). */
  cancel: (consultationId: string, id: string, reason: string) => api.post<PrescriptionView>(`${base(consultationId)}/${id}/cancel`, { reason }),
};
