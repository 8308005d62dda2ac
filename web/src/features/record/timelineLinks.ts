import type { TimelineEntry } from "./recordApi";

/**
 * Who reads the timeline: the patient themself (`patientId` set when a guardian reads a dependant's record, absent for their own),
 * or a doctor with a care relationship to this patient.
 */
export type RecordViewer = { kind: "patient"; patientId?: string } | { kind: "doctor"; patientId: string };

/**
 * Where an entry can be opened in the web app, or null when no page shows it to this reader. A document opens its file;
 * a protocol or diagnosis addresses its protocol, which the patient reads among the visit summaries.
 */
export function linkFor(entry: TimelineEntry, viewer: RecordViewer): { to: string; download?: boolean } | null {
  const id = encodeURIComponent(entry.id);
  if (viewer.kind === "patient") {
    switch (entry.kind) {
      case "consultation":
        return entry.status === "completed" ? { to: `/patient/visit-summaries/${id}` } : { to: "/patient/appointments" };
      case "protocol":
      case "diagnosis":
        return { to: "/patient/visit-summaries" };
      case "prescription":
        return { to: "/patient/prescriptions" };
      case "lab_result":
        return { to: "/patient/lab-results" };
      case "conversation":
        return { to: `/patient/messages/${id}` };
      case "document":
        // A dependant's document opens only with the child named, as the documents list links it.
        return entry.status === "available"
          ? { to: `/api/v1/me/record/documents/${id}/content${viewer.patientId ? `?patientId=${encodeURIComponent(viewer.patientId)}` : ""}`, download: true }
          : null;
      default:
        return null;
    }
  }
  switch (entry.kind) {
    case "consultation":
      return { to: `/doctor/consultations/${id}/protocol` };
    case "lab_result":
      return { to: `/doctor/lab-results/${id}` };
    case "document":
      return { to: `/api/v1/patients/${encodeURIComponent(viewer.patientId)}/record/documents/${id}/content`, download: true };
    default:
      return null;
  }
}

/** A lab result's flag summary ("HH 1 · H 2 · N 5 · NR 1": FHIR interpretation codes, then NR for tests without a result, with counts) as [flag, count] pairs. */
export function parseFlagSummary(detail: string | null | undefined): [string, number][] {
  if (!detail) return [];
  return detail
    .split("·")
    .map((part) => part.trim().split(/\s+/))
    .filter((bits): bits is [string, string] => bits.length === 2 && /^(LL|HH|L|H|N|NR)$/.test(bits[0]) && /^\d+$/.test(bits[1]))
    .map(([flag, count]) => [flag, Number(count)]);
}
