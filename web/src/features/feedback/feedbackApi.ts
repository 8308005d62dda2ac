import { api } from "../../shared/api/client";

// Typed by hand until the integrator regenerates the OpenAPI client (docs/feedback.md describes each endpoint).

/** The patient's own review of a visit: stars 1–5, text, NPS 0–10 or null (skipped), createdAt a UTC ISO instant; hidden when an admin hid it. */
export interface MyReview {
  id: string;
  consultationId: string;
  stars: number;
  text: string;
  nps: number | null;
  createdAt: string;
  hidden: boolean;
}

/** A review as the public sees it: no patient identity ("Verified patient"); date is the UTC day, yyyy-MM-dd. */
export interface PublicReview {
  id: string;
  stars: number;
  text: string;
  date: string;
}

/** A doctor's visible reviews, newest first; average (one decimal) and count cover every visible review, not just this page. */
export interface DoctorReviews {
  doctorId: string;
  average: number | null;
  count: number;
  items: PublicReview[];
  page: number;
  pageSize: number;
}

/** A review for moderation (no patient identity); hiddenReason/hiddenAt (UTC) only while hidden. */
export interface AdminReview {
  id: string;
  consultationId: string;
  doctorId: string;
  doctorUserId: string;
  doctorName: string;
  stars: number;
  text: string;
  nps: number | null;
  createdAt: string;
  hidden: boolean;
  hiddenReason: string | null;
  hiddenByUserId: string | null;
  hiddenAt: string | null;
  version: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface NewReview {
  stars: number;
  text: string;
  nps: number | null;
}

const reviewPath = (consultationId: string) => `/consultations/${encodeURIComponent(consultationId)}/review`;

export const feedbackApi = {
  /** The caller's review of the visit, or null (204) when there is none yet; 404 feedback.consultation_not_found when not theirs. */
  mine: async (consultationId: string): Promise<MyReview | null> => (await api.get<MyReview | undefined>(reviewPath(consultationId))) ?? null,
  /** 201; 409 feedback.review_exists, feedback.visit_not_completed, feedback.review_window_closed; 404 feedback.consultation_not_found. */
  leave: (consultationId: string, review: NewReview) => api.post<MyReview>(reviewPath(consultationId), review),
  /** Public: 404 feedback.doctor_not_found. */
  doctorReviews: (doctorId: string, page = 1) => api.get<DoctorReviews>(`/doctors/${encodeURIComponent(doctorId)}/reviews`, { page }),
  /** Admin: hidden narrows to hidden ("true") or visible ("false") reviews. */
  adminList: (hidden: string, page = 1) => api.get<Paged<AdminReview>>("/admin/reviews", { hidden: hidden || undefined, page }),
  /** 409 feedback.review_already_hidden, feedback.review_changed; 404 feedback.review_not_found. */
  hide: (id: string, reason: string) => api.post<AdminReview>(`/admin/reviews/${encodeURIComponent(id)}/hide`, { reason }),
  /** 409 feedback.review_not_hidden, feedback.review_changed. */
  show: (id: string) => api.post<AdminReview>(`/admin/reviews/${encodeURIComponent(id)}/show`),
};

export const feedbackKeys = {
  all: ["feedback"] as const,
  mine: (consultationId: string) => ["feedback", "mine", consultationId] as const,
  doctor: (doctorId: string, page: number) => ["feedback", "doctor", doctorId, page] as const,
  admin: (hidden: string, page: number) => ["feedback", "admin", hidden, page] as const,
};
