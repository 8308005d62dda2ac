import { api, apiFetch } from "../../shared/api/client";

/* The visit protocol, ICD-10 search and the patient's visit summaries (docs/clinical.md). */

export type DiagnosisRole = "primary" | "secondary";
export type DiagnosisCertainty = "preliminary" | "confirmed";
export type ReferralKind = "specialist" | "inPersonVisit" | "labTest";

export interface ProtocolDiagnosis {
  code: string;
  title: string;
  role: DiagnosisRole;
  certainty: DiagnosisCertainty;
}

export interface ProtocolReferral {
  kind: ReferralKind;
  target: string;
  note?: string | null;
}

/** What the clinic's jurisdiction allows in this visit (ru-323fz: no confirmed diagnosis before an in-person visit). */
export interface ProtocolPolicy {
  jurisdiction: string;
  hasPriorInPersonVisit: boolean;
  mayConfirmDiagnosis: boolean;
  mayStartNewTreatment: boolean;
  inPersonReferralRequired: boolean;
  restrictionCode?: string | null;
}

export interface ProtocolAddendum {
  id: string;
  text: string;
  createdAt: string;
  signedBy: string;
}

/** GET /consultations/{id}/protocol. Version 0: nothing saved yet. followUpOn is yyyy-MM-dd; instants are UTC. */
export interface VisitProtocol {
  consultationId: string;
  status: string;
  version: number;
  complaints: string;
  historyOfPresentIllness: string;
  objectiveFindings: string;
  recommendations: string;
  diagnoses: ProtocolDiagnosis[];
  referrals: ProtocolReferral[];
  followUpOn?: string | null;
  updatedAt?: string | null;
  policy: ProtocolPolicy;
  complaint: { summary: string; description: string; priority: string };
  signedAt?: string | null;
  signedBy?: string | null;
  addenda: ProtocolAddendum[];
}

/** What a save sends: the whole protocol with the version it last read. */
export interface ProtocolDraft {
  complaints: string;
  historyOfPresentIllness: string;
  objectiveFindings: string;
  recommendations: string;
  diagnoses: { code: string; role: DiagnosisRole; certainty: DiagnosisCertainty }[];
  referrals: ProtocolReferral[];
  followUpOn: string | null;
}

export interface Icd10Match {
  code: string;
  titleEn: string;
  titleRu: string;
}

export interface SignatureCheck {
  valid: boolean;
  documentIntact: boolean;
  signerName?: string | null;
  certificateSerial?: string | null;
  signedAt?: string | null;
  certificateStatus: string;
  problem?: string | null;
}

export interface ProtocolVerification {
  consultationId: string;
  protocol: SignatureCheck;
  addenda: { addendumId: string; check: SignatureCheck }[];
}

/** GET /me/visit-summaries: one signed visit. */
export interface VisitSummaryItem {
  consultationId: string;
  visitedAt: string;
  doctorName: string;
  primaryDiagnosis?: string | null;
  signedAt: string;
  /** Whose visit: the patient, and on a dependant's (a guardian's list) the child's display name; null on the reader's own. */
  patientId: string;
  patientName?: string | null;
}

/** GET /me/visit-summaries/{id}: the patient-facing sections of a signed protocol. */
export interface VisitSummary {
  consultationId: string;
  visitedAt: string;
  doctorName: string;
  signedAt: string;
  diagnoses: { code: string; title: string; primary: boolean; confirmed: boolean }[];
  recommendations: string;
  referrals: ProtocolReferral[];
  followUpOn?: string | null;
  addenda: ProtocolAddendum[];
}

const protocolPath = (id: string) => `/consultations/${encodeURIComponent(id)}/protocol`;

export const clinicalApi = {
  protocol: (id: string) => api.get<VisitProtocol>(protocolPath(id)),
  save: (id: string, version: number, draft: ProtocolDraft) => api.put<VisitProtocol>(protocolPath(id), { version, ...draft }),
  sign: (id: string, version: number) => api.post<VisitProtocol>(`${protocolPath(id)}/sign`, { version }),
  /** `idempotencyKey`: the same addendum sent again with it (a lost answer) is added once (docs/api-v1.md, "Retrying a create"). */
  addAddendum: (id: string, text: string, idempotencyKey: string) =>
    apiFetch<VisitProtocol>(`${protocolPath(id)}/addenda`, { method: "POST", body: { text }, headers: { "Idempotency-Key": idempotencyKey } }),
  verification: (id: string) => api.get<ProtocolVerification>(`${protocolPath(id)}/verification`),
  searchIcd10: (q: string) => api.get<Icd10Match[]>("/clinical/icd10", { q }),
  mySummaries: () => api.get<VisitSummaryItem[]>("/me/visit-summaries"),
  mySummary: (id: string) => api.get<VisitSummary>(`/me/visit-summaries/${encodeURIComponent(id)}`),
};

export const clinicalKeys = {
  protocol: (id: string) => ["clinical", "protocol", id] as const,
  verification: (id: string) => ["clinical", "verification", id] as const,
  icd10: (q: string) => ["clinical", "icd10", q] as const,
  summaries: ["clinical", "summaries"] as const,
  summary: (id: string) => ["clinical", "summary", id] as const,
};
