import type { Role } from "../api/types";

export type PortalId = "patient" | "doctor" | "front-desk" | "pharmacist" | "admin";

export interface NavItem {
  to: string;
  /** i18n key of the link text */
  labelKey: string;
  /** match only the exact path (home links) */
  end?: boolean;
  /** shown only when the server says this exists (the development outbox exists only in Development) */
  requires?: "developmentOutbox";
}

export interface Portal {
  id: PortalId;
  role: Role;
  home: string;
  labelKey: string;
  nav: NavItem[];
}

export const PORTALS: readonly Portal[] = [
  {
    id: "patient",
    role: "Patient",
    home: "/patient",
    labelKey: "portals.patient",
    nav: [
      { to: "/patient", labelKey: "nav.home", end: true },
      { to: "/patient/see-a-doctor-now", labelKey: "consultations.nav.seeDoctorNow" },
      { to: "/patient/doctors", labelKey: "nav.findDoctor" },
      { to: "/patient/book", labelKey: "nav.bookVisit" },
      { to: "/patient/appointments", labelKey: "nav.myAppointments" },
      { to: "/patient/visit-summaries", labelKey: "clinical.summaries.heading" },
      { to: "/patient/prescriptions", labelKey: "prescriptions.mine.title" },
      { to: "/patient/messages", labelKey: "consultations.nav.messages" },
      { to: "/patient/clinic-messages", labelKey: "frontOffice.nav.clinicMessages" },
      { to: "/patient/refills", labelKey: "refills.nav.patient" },
      { to: "/patient/privacy", labelKey: "privacy.nav" },
      { to: "/patient/lab-results", labelKey: "labs.nav.patient" },
      { to: "/patient/record", labelKey: "record.nav.patient" },
      { to: "/patient/profile", labelKey: "nav.myProfile" },
    ],
  },
  {
    id: "doctor",
    role: "Doctor",
    home: "/doctor",
    labelKey: "portals.doctor",
    nav: [
      { to: "/doctor", labelKey: "nav.myPatients", end: true },
      { to: "/doctor/consultations", labelKey: "consultations.nav.consultations" },
      { to: "/doctor/schedule", labelKey: "nav.mySchedule" },
      { to: "/doctor/availability", labelKey: "nav.availability" },
      { to: "/doctor/messages", labelKey: "consultations.nav.messages" },
      { to: "/doctor/review-requests", labelKey: "frontOffice.nav.tasks" },
      { to: "/doctor/refill-requests", labelKey: "refills.nav.doctor" },
      { to: "/doctor/lab-results", labelKey: "labs.nav.doctor" },
      { to: "/doctor/profile", labelKey: "nav.myProfile" },
    ],
  },
  {
    id: "front-desk",
    role: "FrontDesk",
    home: "/front-desk",
    labelKey: "portals.frontDesk",
    nav: [
      { to: "/front-desk", labelKey: "nav.patientSearch", end: true },
      { to: "/front-desk/patients/new", labelKey: "frontOffice.nav.registerPatient" },
      { to: "/front-desk/today", labelKey: "nav.today" },
      { to: "/front-desk/escalations", labelKey: "consultations.nav.escalations" },
      { to: "/front-desk/schedules", labelKey: "nav.schedules" },
    ],
  },
  {
    id: "pharmacist",
    role: "Pharmacist",
    home: "/pharmacist",
    labelKey: "portals.pharmacist",
    nav: [{ to: "/pharmacist", labelKey: "nav.home", end: true }],
  },
  {
    id: "admin",
    role: "Admin",
    home: "/admin",
    labelKey: "portals.admin",
    nav: [
      { to: "/admin", labelKey: "administration.home.title", end: true },
      { to: "/admin/analytics", labelKey: "analytics.nav" },
      { to: "/admin/users", labelKey: "nav.users" },
      { to: "/admin/doctors", labelKey: "nav.doctorVerification" },
      { to: "/admin/audit", labelKey: "nav.audit" },
      { to: "/admin/outbox", labelKey: "nav.outbox", requires: "developmentOutbox" },
      { to: "/admin/clinic-policy", labelKey: "nav.clinicPolicy" },
      { to: "/admin/clinics", labelKey: "administration.nav.clinics" },
      { to: "/admin/erasure-requests", labelKey: "privacy.erasureAdmin.nav" },
      { to: "/admin/signing-certificates", labelKey: "clinical.signing.adminTitle" },
      { to: "/admin/payments", labelKey: "billing.admin.nav" },
      { to: "/admin/claims", labelKey: "billing.claims.nav" },
      { to: "/admin/reviews", labelKey: "feedback.admin.nav" },
    ],
  },
];

export function portalForRole(role: Role): Portal | undefined {
  return PORTALS.find((p) => p.role === role);
}

/** Portals the user may use, in the order of the user's roles. */
export function portalsForRoles(roles: readonly string[]): Portal[] {
  const result: Portal[] = [];
  for (const role of roles) {
    const portal = PORTALS.find((p) => p.role === role);
    if (portal && !result.includes(portal)) result.push(portal);
  }
  return result;
}

/** Where a user lands after sign-in: the portal of their first role, or "/" when they have none. */
export function homePathForRoles(roles: readonly string[]): string {
  return portalsForRoles(roles)[0]?.home ?? "/no-access";
}

/** The portal a path belongs to ("/doctor/patients/1" → doctor), if any. */
export function portalForPath(pathname: string): Portal | undefined {
  return PORTALS.find((p) => pathname === p.home || pathname.startsWith(`${p.home}/`));
}

/**
 * Where a guard sends a user who opens `pathname`: null when allowed, their own portal
 * when the path belongs to a portal of a role they lack.
 */
export function redirectForPath(pathname: string, roles: readonly string[]): string | null {
  const portal = portalForPath(pathname);
  if (!portal) return null;
  if (roles.includes(portal.role)) return null;
  return homePathForRoles(roles);
}

/** Navigation for the header: the current portal's pages, and the other portals to switch to. */
export function navigationFor(
  roles: readonly string[],
  pathname: string,
): { current: Portal | undefined; items: NavItem[]; switchTo: Portal[] } {
  const available = portalsForRoles(roles);
  const onPath = portalForPath(pathname);
  const current = onPath && available.includes(onPath) ? onPath : available[0];
  return {
    current,
    items: current?.nav ?? [],
    switchTo: available.filter((p) => p !== current),
  };
}
