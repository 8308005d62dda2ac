import { api } from "../../shared/api/client";
import type { FrontDeskPatient, Paged } from "../../shared/api/types";

/** The front desk's own calls (patient search); schedules and bookings come from the scheduling API. */
export const frontDeskApi = {
  /** POST /front-desk/patients/search: the term is PHI (a name, e-mail or phone), so it goes in the body, never the URL. */
  searchPatients: (term: string, page: number) => api.post<Paged<FrontDeskPatient>>("/front-desk/patients/search", { term, page }),
};

/** React Query keys of the front desk's queries; the term lives only in memory (the query cache). */
export const frontDeskKeys = {
  all: ["front-desk"] as const,
  patientSearch: (term: string, page: number) => ["front-desk", "patients", term, page] as const,
};
