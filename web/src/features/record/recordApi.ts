import { api } from "../../shared/api/client";
import { postMultipart } from "../../shared/api/upload";

/** What a document is (docs/records.md). */
export const DOCUMENT_TYPES = ["lab_result", "imaging", "discharge_summary", "referral", "other"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Who else may open a document: the care team, one named doctor (by user id) or nobody. */
export type Sharing = "care_team" | "doctor" | "private";

/**
 * A document in the record. `status`: pending_scan (quarantine) | available | rejected; `documentDate` yyyy-MM-dd (the date
 * printed on it); `uploadedAt` a UTC instant; `size` in bytes. `sharing` and `sharedWithDoctorUserId` are the patient's only.
 */
export interface RecordDocument {
  id: string;
  type: string;
  documentDate: string;
  description: string;
  fileName: string;
  contentType: string;
  size: number | string;
  status: string;
  uploadedAt: string;
  sharing?: string | null;
  sharedWithDoctorUserId?: string | null;
}

/** The timeline's kinds (docs/records.md), in the order the filter shows them. */
export const TIMELINE_KINDS = ["consultation", "conversation", "protocol", "diagnosis", "prescription", "lab_result", "document"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One timeline entry: `occurredAt` a UTC instant; a diagnosis carries its protocol's id; `detail` of a lab result counts flags ("HH 1 · N 5"). */
export interface TimelineEntry {
  kind: string;
  id: string;
  occurredAt: string;
  title: string;
  detail?: string | null;
  status: string;
}

/** A page of the timeline, newest first; `breakGlass` true when the reader sees it through an emergency grant. */
export interface TimelinePage {
  items: TimelineEntry[];
  total: number | string;
  page: number | string;
  pageSize: number | string;
  breakGlass: boolean;
}

/** The timeline's filter: kinds (none = all), `from`/`to` as yyyy-MM-dd (to includes the day), page from 1. */
export interface TimelineFilter {
  kinds: string[];
  from: string;
  to: string;
  page: number;
  pageSize: number;
}

/** The upload form's fields; `doctorUserId` only with sharing `doctor`. */
export interface UploadInput {
  file: File;
  type: DocumentType;
  documentDate: string;
  description: string;
  sharing: Sharing;
  doctorUserId?: string;
}

const enc = encodeURIComponent;

/**
 * `?patientId=` naming whose record a `/me/record/…` call is about: absent (undefined) for the reader's own, a dependant's id for
 * a guardian reading or keeping the child's record. The server answers 404 for a patient the reader does not act for.
 */
function forPatient(patientId?: string): string {
  return patientId ? `?patientId=${enc(patientId)}` : "";
}

function timelineQuery(filter: TimelineFilter) {
  return { kind: filter.kinds.join(","), from: filter.from, to: filter.to, page: filter.page, pageSize: filter.pageSize };
}

export const recordKeys = {
  myDocuments: (patientId = "") => ["record", "me", "documents", patientId] as const,
  myTimeline: (filter: TimelineFilter, patientId = "") => ["record", "me", "timeline", patientId, filter] as const,
  patientDocuments: (patientId: string) => ["record", "patient", patientId, "documents"] as const,
  patientTimeline: (patientId: string, filter: TimelineFilter) => ["record", "patient", patientId, "timeline", filter] as const,
};

export const recordApi = {
  /** The reader's own documents, or with `patientId` a dependant's (the same for every `my…` call below). */
  myDocuments: (patientId?: string) => api.get<RecordDocument[]>(`/me/record/documents${forPatient(patientId)}`),
  myTimeline: (filter: TimelineFilter, patientId?: string) =>
    api.get<TimelinePage>("/me/record/timeline", { ...timelineQuery(filter), patientId }),
  changeSharing: (id: string, sharing: Sharing, doctorUserId?: string, patientId?: string) =>
    api.put<RecordDocument>(`/me/record/documents/${enc(id)}/sharing${forPatient(patientId)}`, sharing === "doctor" ? { sharing, doctorUserId } : { sharing }),
  /**
   * A plain link: the session cookie authorises the download (409 while in quarantine, 410 once rejected). A dependant's document
   * opens only with the child named (`patientId`).
   */
  myContentUrl: (id: string, patientId?: string) => `/api/v1/me/record/documents/${enc(id)}/content${forPatient(patientId)}`,
  patientDocuments: (patientId: string) => api.get<RecordDocument[]>(`/patients/${enc(patientId)}/record/documents`),
  patientTimeline: (patientId: string, filter: TimelineFilter) =>
    api.get<TimelinePage>(`/patients/${enc(patientId)}/record/timeline`, timelineQuery(filter)),
  patientContentUrl: (patientId: string, id: string) => `/api/v1/patients/${enc(patientId)}/record/documents/${enc(id)}/content`,
  /**
   * `idempotencyKey`: the same upload sent again with it is stored once (docs/api-v1.md, "Retrying a create"); `patientId` a
   * dependant's record to upload to (the guardian's own when absent).
   */
  upload: (input: UploadInput, language: string, idempotencyKey: string, patientId?: string) => uploadDocument(input, language, idempotencyKey, patientId),
};

/**
 * POST /me/record/documents as multipart. The JSON wrapper cannot send FormData, so this repeats its cookie, antiforgery and
 * error handling for one request. Answers the document in quarantine (202, status pending_scan); 413/415/400 come back as
 * ApiError with their `records.*` codes.
 */
function uploadDocument(input: UploadInput, language: string, idempotencyKey: string, patientId?: string): Promise<RecordDocument> {
  return postMultipart<RecordDocument>(`/me/record/documents${forPatient(patientId)}`, () => {
    const body = new FormData();
    body.append("file", input.file, input.file.name);
    body.append("type", input.type);
    body.append("documentDate", input.documentDate);
    body.append("description", input.description);
    body.append("sharing", input.sharing);
    if (input.sharing === "doctor" && input.doctorUserId) body.append("doctorUserId", input.doctorUserId);
    return body;
  }, language, { "Idempotency-Key": idempotencyKey });
}
