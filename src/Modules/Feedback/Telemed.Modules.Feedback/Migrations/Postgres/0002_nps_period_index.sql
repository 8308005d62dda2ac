-- Clinic analytics (docs/analytics.md): NPS answers of a period, for all clinics or one, read from the index alone.
CREATE INDEX "IX_reviews_CreatedAt_nps" ON feedback.reviews ("CreatedAt") INCLUDE ("DoctorId", "Nps", "ClinicId") WHERE "Nps" IS NOT NULL;
