import { api } from "../../shared/api/client";

/** GET /public/clinics items: PublicClinicSummary. */
export interface PublicClinicSummary {
  id: string;
  name: string;
  city: string;
  address: string;
}

/** One section of a clinic's page: sanitised HTML and the language it is written in (English where the asked one is missing). */
export interface PublicClinicSection {
  html: string;
  language: string;
}

/** GET /public/clinics/{id}?language=: PublicClinicPage. */
export interface PublicClinicPage {
  id: string;
  name: string;
  address: string;
  city: string;
  timeZone: string;
  phone: string;
  email: string;
  openingHours: string;
  language: string;
  services: PublicClinicSection;
  visitTypes: PublicClinicSection;
  faq: PublicClinicSection;
  contacts: PublicClinicSection;
}

/** The clinics' public pages (no sign-in; docs/api-v1.md, "Public"). */
export const clinicsApi = {
  /** Names, cities and addresses in the language asked ("en" or "ru"), English where a clinic has no translation. */
  list: (language: string) => api.get<PublicClinicSummary[]>("/public/clinics", { language }),
  page: (id: string, language: string) => api.get<PublicClinicPage>(`/public/clinics/${encodeURIComponent(id)}`, { language }),
};

export const clinicsKeys = {
  list: (language: string) => ["public", "clinics", "list", language] as const,
  page: (id: string, language: string) => ["public", "clinics", id, language] as const,
};

/** The page language for the interface language: the pages are written in English and Russian. */
export const pageLanguage = (uiLanguage: string): "en" | "ru" => (uiLanguage.startsWith("ru") ? "ru" : "en");
