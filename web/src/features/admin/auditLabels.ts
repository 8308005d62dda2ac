import type { TFunction } from "i18next";

/** Where an admin may follow an audited record: only to admin pages (admins have no clinical access). */
export function auditRecordLink(recordType: string | null | undefined, recordId: string | null | undefined): string | null {
  if (!recordType || !recordId) return null;
  switch (recordType) {
    case "DoctorProfile":
      return `/admin/doctors/${encodeURIComponent(recordId)}`;
    case "Clinic":
      return `/admin/clinics/${encodeURIComponent(recordId)}`;
    default:
      return null;
  }
}

/** A readable action ("Signed in"); an action the web app does not know yet shows its code rather than nothing. */
export function auditActionLabel(t: TFunction, action: string): string {
  return t(`administration.audit.actions.${action}`, { defaultValue: action });
}

export function auditRecordTypeLabel(t: TFunction, recordType: string): string {
  return t(`administration.audit.recordTypes.${recordType}`, { defaultValue: recordType });
}

export function roleLabel(t: TFunction, role: string): string {
  return t(`administration.audit.roles.${role}`, { defaultValue: role });
}

/** Choice-list options sorted by their readable label in the current language. */
export function labelledOptions(values: string[], label: (value: string) => string): { value: string; label: string }[] {
  return values.map((value) => ({ value, label: label(value) })).sort((a, b) => a.label.localeCompare(b.label));
}
