import type { AppointmentKind, Slot } from "../../shared/api/scheduling";

/**
 * The booking page of a doctor with one time picked (`/patient/doctors/<id>/book?kind=&start=&clinicId=`): it opens on
 * the confirm step. Signed out, the route guard sends the visitor through sign-in with this path as `returnTo`.
 * Only the doctor, the kind, the UTC start and the clinic ride in the address: nothing about the patient.
 */
export function bookingPathFor(doctorId: string, kind: AppointmentKind, slot: Pick<Slot, "start" | "clinicId">): string {
  const params = new URLSearchParams({ kind, start: slot.start, clinicId: slot.clinicId });
  return `/patient/doctors/${encodeURIComponent(doctorId)}/book?${params.toString()}`;
}
